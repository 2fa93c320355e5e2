// Registers the Service Worker, uploads a version-2 stream, and downloads it through the worker:
// once intact (the bytes must come back) and once with one segment replaced (the download must
// fail instead of completing).
import { ContentContexts } from "../src/contexts.js";
import { constantTimeEqual } from "../src/internal/bytes.js";
import { sha256 } from "../src/internal/primitives.js";
import { ContentCipher } from "../src/stream/cipher.js";
import { SymmetricKey } from "../src/symmetric-key.js";

const done = (outcome: string): void => {
  (window as { __sw?: string }).__sw = outcome;
};

async function register(): Promise<ServiceWorker> {
  await navigator.serviceWorker.register("sw.js", { type: "module", scope: "./" });
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller === null) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return navigator.serviceWorker.controller!;
}

async function upload(name: string, bytes: Uint8Array): Promise<string> {
  const url = `${location.origin}/blobs/${name}`;
  const response = await fetch(url, { method: "PUT", body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  if (response.status !== 204) {
    throw new Error(`upload: HTTP ${response.status}`);
  }
  return url;
}

/** The response's status, and its body or the error that ended it. */
async function download(worker: ServiceWorker, id: string, facts: object): Promise<{ status: number; body?: Uint8Array; error?: unknown }> {
  const registered = new Promise((resolve) => navigator.serviceWorker.addEventListener("message", resolve, { once: true }));
  worker.postMessage({ id, download: facts });
  await registered;
  const response = await fetch(`download/${id}`);
  try {
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    return { status: response.status, error };
  }
}

const SEGMENT = 64 * 1024;

async function run(): Promise<string> {
  const worker = await register();
  const key = SymmetricKey.generate();
  const context = ContentContexts.deliveryFile("delivery-sw", "file-1", 4);
  const cipher = ContentCipher.create(key, context, { version: 2, segmentSize: SEGMENT });
  const whole = new Uint8Array(40 * SEGMENT + 123);
  for (let offset = 0; offset < whole.length; offset += 65536) {
    crypto.getRandomValues(whole.subarray(offset, Math.min(whole.length, offset + 65536)));
  }
  const { bytes, digest, storedSize } = await encrypt(cipher, whole);
  const facts = { key: key.exportBytes(), context, blobUrl: await upload(`sw-${Date.now()}`, bytes), storedSize, digest };
  const intact = await download(worker, "intact", facts);
  const back = intact.body;
  if (intact.status !== 200 || back === undefined || back.length !== whole.length || !constantTimeEqual(await sha256(back), await sha256(whole))) {
    return `the download differs (HTTP ${intact.status}, ${back?.length} bytes of ${whole.length}, ${String(intact.error)})`;
  }
  // One segment of another stream under the same key spliced in: the download must not complete.
  const other = await encrypt(cipher, new Uint8Array(whole.length).fill(7));
  const spliced = bytes.slice();
  const at = 49 + 20 * (SEGMENT + 16);
  spliced.set(other.bytes.subarray(at, at + SEGMENT + 16), at);
  const forgedUrl = await upload(`sw-forged-${Date.now()}`, spliced);
  const forged = await download(worker, "forged", { ...facts, blobUrl: forgedUrl });
  // The response starts (200) and its body fails at the forged segment instead of ending.
  return forged.status === 200 && forged.error !== undefined
    ? "ok"
    : `a forged download ended with HTTP ${forged.status} and ${forged.body?.length} bytes`;
}

async function encrypt(cipher: ContentCipher, plaintext: Uint8Array): Promise<{ bytes: Uint8Array; digest: Uint8Array; storedSize: number }> {
  const { stream, result } = cipher.encryptStream();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  await new Blob([plaintext as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(stream)
    .pipeTo(new WritableStream({ write: (c) => void chunks.push(c as Uint8Array<ArrayBuffer>) }));
  const content = await result;
  return { bytes: new Uint8Array(await new Blob(chunks).arrayBuffer()), digest: content.digest, storedSize: content.storedSize };
}

run().then(done, (e: unknown) => done(`failed: ${String(e)}`));
