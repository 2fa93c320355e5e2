// The shipped bundle in a dedicated module worker (where Argon2id does not hold up the page).
import { bundleRoundTrip } from "./roundtrip.js";

type Lib = typeof import("../src/index.js");
const BUNDLE = "/dist/secupass-browser-client.js";

(async () => bundleRoundTrip((await import(BUNDLE)) as Lib))().then(
  (outcome) => postMessage(outcome),
  (e: unknown) => postMessage(`failed: ${String(e)}`),
);
