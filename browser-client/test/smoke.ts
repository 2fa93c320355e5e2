// Loaded by smoke.html after the library bundle (whose <script> carries its integrity hash): uses
// the shipped bundle's public API as a web page would.
type Lib = typeof import("../src/index.js");
// The same URL as the page's <script integrity=...>: the module is fetched (and checked) once.
const BUNDLE = "/dist/secupass-browser-client.js";

async function run(): Promise<string> {
  const lib = (await import(BUNDLE)) as Lib;
  const kdf = lib.kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
  const alice = await lib.activate("alice@example.org", "Grüße aus Köln", { kdf });
  const { session } = await lib.unlock(alice.record, "Grüße aus Köln", { kdf });
  const key = lib.SymmetricKey.generate();
  const context = lib.EnvelopeContexts.delivery("delivery-1", 4);
  const envelope = await session.sealEnvelope(session.publicKeys, context, key);
  const opened = await session.openEnvelope(envelope, session.publicKeys, context);
  const cipher = lib.ContentCipher.create(opened, lib.ContentContexts.deliveryFile("delivery-1", "file-1", 4), { version: 2, segmentSize: 1024 });
  const plaintext = new TextEncoder().encode("hello from the bundle ".repeat(200));
  const sealed = await cipher.seal(plaintext);
  const back = await cipher.open(sealed);
  return new TextDecoder().decode(back) === new TextDecoder().decode(plaintext) ? "ok" : "round trip differs";
}

run().then(
  (outcome) => ((window as { __smoke?: string }).__smoke = outcome),
  (e: unknown) => ((window as { __smoke?: string }).__smoke = `failed: ${String(e)}`),
);
