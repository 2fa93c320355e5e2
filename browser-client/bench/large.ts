import { ContentContexts } from "../src/contexts.js";
import { constantTimeEqual } from "../src/internal/bytes.js";
import { sha256 } from "../src/internal/primitives.js";
import { ContentCipher } from "../src/stream/cipher.js";
import { httpSource } from "../src/stream/sources.js";
import { SymmetricKey } from "../src/symmetric-key.js";

/**
 * A large file up and down through the library with bounded memory: a generated plaintext
 * stream (never held whole) is encrypted in version 2 while it uploads in chunks to the test
 * server's blob store, then decrypted by ranged fetches, verified against the stream digest, into
 * a sink that only hashes what it receives. The runner measures the process's peak memory.
 */
export interface LargeResult {
  readonly mebibytes: number;
  readonly uploadSeconds: number;
  readonly downloadSeconds: number;
  readonly storedBytes: number;
}

const SEGMENT = 1 << 20;

/** The plaintext's i-th MiB: cheap to make, different for every MiB. */
function mebibyte(i: number): Uint8Array {
  const words = new Uint32Array(SEGMENT / 4);
  for (let w = 0; w < words.length; w++) {
    words[w] = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(w, 0x85ebca6b);
  }
  return new Uint8Array(words.buffer);
}

export async function largeRoundTrip(serverUrl: string, mebibytes: number, log: (line: string) => void): Promise<LargeResult> {
  const key = SymmetricKey.generate();
  const cipher = ContentCipher.create(key, ContentContexts.deliveryFile("delivery-large", "file-1", 4), { version: 2, segmentSize: SEGMENT });
  const expected: Uint8Array[] = [];
  let produced = 0;
  const plaintext = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (produced === mebibytes) {
          controller.close();
          return;
        }
        const chunk = mebibyte(produced++);
        expected.push(await sha256(chunk));
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  const url = `${serverUrl}/blobs/large-${Date.now()}`;
  let offset = 0;
  const started = performance.now();
  const { stream, result } = cipher.encryptStream();
  await plaintext.pipeThrough(stream).pipeTo(
    new WritableStream({
      async write(chunk) {
        // One request per chunk, at its offset: what a chunked, resumable upload sends. (Chromium
        // sends a Blob body about ten times as fast as the same bytes as a Uint8Array.)
        const response = await fetch(`${url}?offset=${offset}`, { method: "PUT", body: new Blob([chunk as Uint8Array<ArrayBuffer>]) });
        if (response.status !== 204) {
          throw new Error(`upload failed with HTTP ${response.status}`);
        }
        offset += chunk.length;
        if (offset % (128 * SEGMENT) < SEGMENT + 16) {
          log(`uploaded ${Math.round(offset / SEGMENT)} MiB`);
        }
      },
    }),
  );
  const content = await result;
  const uploadSeconds = (performance.now() - started) / 1000;
  const downloadStarted = performance.now();
  let index = 0;
  await cipher.decrypt(await httpSource(url, { size: content.storedSize }), { expectedDigest: content.digest }).pipeTo(
    new WritableStream({
      async write(chunk) {
        if (chunk.length === 0) {
          return;
        }
        if (!constantTimeEqual(await sha256(chunk), expected[index]!)) {
          throw new Error(`MiB ${index} differs after the round trip`);
        }
        index++;
        if (index % 128 === 0) {
          log(`downloaded ${index} MiB`);
        }
      },
    }),
  );
  if (index !== mebibytes) {
    throw new Error(`${index} MiB came back, not ${mebibytes}`);
  }
  return { mebibytes, uploadSeconds, downloadSeconds: (performance.now() - downloadStarted) / 1000, storedBytes: content.storedSize };
}
