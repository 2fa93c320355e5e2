// Loaded by smoke.html after the library bundle (whose <script> carries its integrity hash): uses
// the shipped bundle's public API as a web page would, in the page and in a module worker.
import { bundleRoundTrip } from "./roundtrip.js";

type Lib = typeof import("../src/index.js");
// The same URL as the page's <script integrity=...>: the module is fetched (and checked) once.
const BUNDLE = "/dist/secupass-browser-client.js";

async function run(): Promise<string> {
  const inPage = await bundleRoundTrip((await import(BUNDLE)) as Lib);
  const worker = new Worker("smoke-worker.js", { type: "module" });
  const inWorker = await new Promise<string>((resolve) => {
    worker.onmessage = (event: MessageEvent<string>) => resolve(event.data);
    worker.onerror = (event) => resolve(`worker failed: ${event.message}`);
  });
  worker.terminate();
  return inPage === "ok" && inWorker === "ok" ? "ok" : `page: ${inPage}, worker: ${inWorker}`;
}

run().then(
  (outcome) => ((window as { __smoke?: string }).__smoke = outcome),
  (e: unknown) => ((window as { __smoke?: string }).__smoke = `failed: ${String(e)}`),
);
