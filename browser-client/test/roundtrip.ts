// What the smoke tests do with the shipped bundle, in the page and in a worker: activation,
// unlock, an envelope and a version-2 stream through the public API.
type Lib = typeof import("../src/index.js");

export async function bundleRoundTrip(lib: Lib): Promise<string> {
  const kdf = lib.kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
  const alice = await lib.activate("alice@example.org", "Grüße aus Köln", { kdf });
  const { session } = await lib.unlock(alice.record, "Grüße aus Köln", { kdf });
  const key = lib.SymmetricKey.generate();
  const context = lib.EnvelopeContexts.delivery("delivery-1", 4);
  const envelope = await session.sealEnvelope(session.publicKeys, context, key);
  const opened = await session.openEnvelope(envelope, session.publicKeys, context);
  const cipher = lib.ContentCipher.create(opened, lib.ContentContexts.deliveryFile("delivery-1", "file-1", 4), {
    version: 2,
    segmentSize: 1024,
  });
  const plaintext = new TextEncoder().encode("hello from the bundle ".repeat(200));
  const back = await cipher.open(await cipher.seal(plaintext));
  return new TextDecoder().decode(back) === new TextDecoder().decode(plaintext) ? "ok" : "round trip differs";
}
