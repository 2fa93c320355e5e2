import { ByteWriter, concat, fromHex } from "../src/internal/bytes.js";
import { sha256, type Random } from "../src/internal/primitives.js";

/** A random source that hands out the given byte strings in order, each exactly once. */
export function fixedRandom(...values: Uint8Array[]): Random {
  let next = 0;
  return (length) => {
    const value = values[next++];
    if (value === undefined || value.length !== length) {
      throw new Error(`fixed random: asked for ${length} bytes, has ${value?.length ?? "none"}`);
    }
    return value.slice();
  };
}

/**
 * The Java tests' `DeterministicRandom`: SHA-256(seed || u64 counter), block after block, as one
 * byte stream. WebCrypto hashes asynchronously, so `bytes` are computed ahead.
 */
export async function deterministicRandom(seed: string, bytes = 1024): Promise<Random> {
  const blocks: Uint8Array[] = [];
  const seedBytes = new TextEncoder().encode(seed);
  for (let counter = 0; counter * 32 < bytes; counter++) {
    blocks.push(await sha256(seedBytes, new ByteWriter(8).u64(counter).toBytes()));
  }
  const stream = concat(...blocks);
  let position = 0;
  return (length) => {
    if (position + length > stream.length) {
      throw new Error("deterministic random: precompute more bytes");
    }
    const out = stream.slice(position, position + length);
    position += length;
    return out;
  };
}

export const hex = fromHex;

/** A reproducible pseudo-random plaintext (not for keys). */
export function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Collects a stream's chunks into one array. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return concat(...chunks);
    }
    chunks.push(value);
  }
}

/** A ReadableStream of `bytes` in chunks of `size`. */
export function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}
