import { ContentContexts } from "../src/contexts.js";
import { IntegrityError, SecuPassError, UnsupportedFormatError } from "../src/errors.js";
import { concat, toHex } from "../src/internal/bytes.js";
import { sha256 } from "../src/internal/primitives.js";
import { ContentCipher } from "../src/stream/cipher.js";
import { HEADER_SIZE, LEAF_SIZE, merkleRoot, type StreamVersion } from "../src/stream/format.js";
import { blobSource, bytesSource, httpSource, RangeRequestError, type CiphertextSource } from "../src/stream/sources.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { platform, test } from "./harness.js";
import { chunked, collect, deterministicRandom, pattern } from "./support.js";

/**
 * The content stream, versions 1 and 2, through its public interfaces: round trips at every
 * segment boundary, ranges, memory bounds, and the attacks a storage operator or a co-recipient
 * can make (every flipped byte, every truncation, another stream under the same key).
 */

const S = 16;
const context = ContentContexts.deliveryFile("delivery-1", "file-1", 3);
const VERSIONS: StreamVersion[] = [1, 2];

async function encrypt(cipher: ContentCipher, plaintext: Uint8Array, chunk = 7) {
  const { stream, result } = cipher.encryptStream();
  const chunks: Uint8Array[] = [];
  const reader = chunked(plaintext, chunk).pipeThrough(stream).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
  }
  return { chunks, bytes: concat(...chunks), content: await result };
}

/** A source that counts what is read from it. */
function counting(bytes: Uint8Array): CiphertextSource & { readBytes: number; reads: number } {
  const inner = bytesSource(bytes);
  const source = {
    size: inner.size,
    readBytes: 0,
    reads: 0,
    async read(offset: number, length: number) {
      source.readBytes += length;
      source.reads++;
      return inner.read(offset, length);
    },
  };
  return source;
}

/** Decrypts, keeping what was released before a failure. */
async function releasedBefore(stream: ReadableStream<Uint8Array>): Promise<{ released: Uint8Array; error: unknown }> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return { released: concat(...chunks), error: undefined };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { released: concat(...chunks), error: e };
  }
}

for (const version of VERSIONS) {
  test(`stream_v${version}_roundTripsAtEverySegmentBoundary_andSizesAgree`, async () => {
    const key = SymmetricKey.generate();
    const cipher = ContentCipher.create(key, context, { segmentSize: S, version, computeDigest: true });
    for (const size of [0, 1, S - 1, S, S + 1, 2 * S - 1, 2 * S, 2 * S + 1, 5 * S + 3]) {
      for (const chunk of [1, 7, S, 3 * S + 1]) {
        const plaintext = pattern(size, size + chunk);
        const { chunks, bytes, content } = await encrypt(cipher, plaintext, chunk);
        equal(bytes.length, ContentCipher.storedSize(size, S, version), `stored size of ${size}`);
        equal(content.storedSize, bytes.length);
        equal(content.plaintextSize, size);
        equal(content.digest.length, 32, "a digest");
        // Memory: the encryptor hands out the header, whole segments and (v2) the table.
        for (const c of chunks.slice(1, version === 2 ? -1 : undefined)) {
          ok(c.length <= S + 16, `a chunk of ${c.length} bytes is one segment at most`);
        }
        bytesEqual(await collect(cipher.decrypt(bytesSource(bytes), { expectedDigest: content.digest })), plaintext);
        if (version === 1) {
          bytesEqual(await collect(chunked(bytes, chunk).pipeThrough(cipher.decryptStream({ expectedDigest: content.digest }))), plaintext);
        }
        bytesEqual(await cipher.open(await cipher.seal(plaintext)), plaintext);
      }
    }
  });

  test(`stream_v${version}_rangesReadOnlyTheirSegments_andReturnTheirBytes`, async () => {
    const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: S, version });
    const plaintext = pattern(10 * S + 5);
    const { bytes, content } = await encrypt(cipher, plaintext);
    const digest = version === 2 ? { expectedDigest: content.digest } : {};
    for (let offset = 0; offset <= plaintext.length; offset += 5) {
      for (const length of [0, 1, S - 1, S, S + 1, 3 * S, 1000]) {
        const source = counting(bytes);
        const range = await collect(cipher.decrypt(source, { offset, length, ...digest }));
        bytesEqual(range, plaintext.subarray(offset, offset + length), `range ${offset}+${length}`);
        const end = Math.min(plaintext.length, offset + length);
        const segments = end === plaintext.length ? 11 - Math.floor(offset / S) : Math.max(1, Math.ceil(end / S) - Math.floor(offset / S));
        const table = version === 2 ? 11 * LEAF_SIZE : 0;
        ok(source.readBytes <= HEADER_SIZE + table + segments * (S + 16), `range ${offset}+${length} read ${source.readBytes} bytes`);
      }
    }
    await rejects(() => collect(cipher.decrypt(bytesSource(bytes), { offset: plaintext.length + 1 })), RangeError);
  });

  test(`stream_v${version}_everyFlippedBit_failsTyped_andReleasesOnlyGenuinePlaintext`, async () => {
    const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: S, version });
    const plaintext = pattern(3 * S + 4);
    const { bytes, content } = await encrypt(cipher, plaintext);
    const tableStart = content.storedSize - (Math.floor(plaintext.length / S) + 1) * LEAF_SIZE;
    for (let i = 0; i < bytes.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = bytes.slice();
        tampered[i]! ^= bit;
        for (const options of [{}, { expectedDigest: content.digest }]) {
          const { released, error } = await releasedBefore(cipher.decrypt(bytesSource(tampered), options));
          ok(error instanceof SecuPassError, `byte ${i} bit ${bit}: expected a typed failure, got ${String(error)}`);
          bytesEqual(released, plaintext.subarray(0, released.length), `byte ${i}: released plaintext is genuine`);
          if (version === 2 && "expectedDigest" in options) {
            // Checked against the signed digest: a damaged header or table releases nothing.
            ok((i >= HEADER_SIZE && i < tableStart) || released.length === 0, `byte ${i}: nothing released`);
          }
        }
      }
    }
  });

  test(`stream_v${version}_truncatedAtEveryLength_failsWithIntegrityError`, async () => {
    const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: S, version });
    const { bytes } = await encrypt(cipher, pattern(3 * S + 4));
    for (let length = 0; length < bytes.length; length++) {
      await rejects(() => collect(cipher.decrypt(bytesSource(bytes.subarray(0, length)))), IntegrityError);
      if (version === 1) {
        await rejects(() => collect(chunked(bytes.subarray(0, length), 5).pipeThrough(cipher.decryptStream())), IntegrityError);
      }
    }
  });
}

test("stream_v2_anotherStreamUnderTheSameKey_isRefusedBeforeAnyPlaintext", async () => {
  // Issue 14, gap 4: a co-recipient knows the content key and writes other content in the same
  // context; ranged reads of the signed stream digest must refuse it.
  const key = SymmetricKey.generate();
  const cipher = ContentCipher.create(key, context, { segmentSize: S, version: 2 });
  const genuine = await encrypt(cipher, pattern(20 * S, 1));
  const forged = await encrypt(cipher, pattern(20 * S, 2));
  equal(forged.bytes.length, genuine.bytes.length, "the forgery has the genuine size");
  for (const [offset, length] of [[0, 20 * S], [7 * S + 3, S], [19 * S, S]] as const) {
    const { released, error } = await releasedBefore(
      cipher.decrypt(bytesSource(forged.bytes), { offset, length, expectedDigest: genuine.content.digest }),
    );
    ok(error instanceof IntegrityError, `range ${offset}: ${String(error)}`);
    equal(released.length, 0, "no plaintext released");
  }
  // One forged segment spliced into the genuine stream (its table kept) fails at that segment.
  const spliced = genuine.bytes.slice();
  const at = HEADER_SIZE + 5 * (S + 16);
  spliced.set(forged.bytes.subarray(at, at + S + 16), at);
  const { released, error } = await releasedBefore(cipher.decrypt(bytesSource(spliced), { expectedDigest: genuine.content.digest }));
  ok(error instanceof IntegrityError);
  equal(released.length, 5 * S, "only the five genuine segments before it");
});

test("stream_v1_digestChecksWholeReadsOnly_andRefusesItForRanges", async () => {
  const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: S, version: 1, computeDigest: true });
  const genuine = await encrypt(cipher, pattern(4 * S, 1));
  const forged = await encrypt(cipher, pattern(4 * S, 2));
  await rejects(() => collect(cipher.decrypt(bytesSource(forged.bytes), { expectedDigest: genuine.content.digest })), IntegrityError);
  await rejects(
    () => collect(chunked(forged.bytes, 9).pipeThrough(cipher.decryptStream({ expectedDigest: genuine.content.digest }))),
    IntegrityError,
  );
  await rejects(() => collect(cipher.decrypt(bytesSource(genuine.bytes), { offset: S, expectedDigest: genuine.content.digest })), RangeError);
});

test("stream_otherKeyContextOrVersion_failsTyped", async () => {
  const key = SymmetricKey.generate();
  const v2 = ContentCipher.create(key, context, { segmentSize: S, version: 2 });
  const { bytes } = await encrypt(v2, pattern(40));
  await rejects(() => collect(ContentCipher.create(SymmetricKey.generate(), context).decrypt(bytesSource(bytes))), IntegrityError);
  for (const other of [
    ContentContexts.deliveryFile("delivery-1", "file-2", 3),
    ContentContexts.deliveryFile("delivery-2", "file-1", 3),
    ContentContexts.deliveryFile("delivery-1", "file-1", 2),
    ContentContexts.deliveryFileName("delivery-1", "file-1", 3),
  ]) {
    await rejects(() => collect(ContentCipher.create(key, other).decrypt(bytesSource(bytes))), IntegrityError);
  }
  await rejects(
    () => collect(ContentCipher.create(key, context, { acceptVersions: [1] }).decrypt(bytesSource(bytes))),
    UnsupportedFormatError,
  );
  // The same bytes relabelled as version 1 derive another key and fail.
  const relabelled = bytes.slice();
  relabelled[3] = 1;
  await rejects(() => collect(ContentCipher.create(key, context).decrypt(bytesSource(relabelled))), IntegrityError);
  await rejects(() => collect(chunked(bytes, 8).pipeThrough(v2.decryptStream())), RangeError);
});

test("merkleRoot_equalsRfc9162TreeHash_forEveryLeafCount", async () => {
  // The RFC's recursive definition, written independently of the bottom-up implementation.
  async function mth(leaves: Uint8Array[]): Promise<Uint8Array> {
    if (leaves.length === 1) {
      return leaves[0]!;
    }
    let k = 1;
    while (k * 2 < leaves.length) {
      k *= 2;
    }
    return sha256(new Uint8Array([1]), await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
  }
  const random = await deterministicRandom("leaves", 40 * 32);
  const leaves = Array.from({ length: 40 }, () => random(32));
  for (let n = 1; n <= 40; n++) {
    bytesEqual(await merkleRoot(concat(...leaves.slice(0, n))), await mth(leaves.slice(0, n)), `root of ${n} leaves`);
  }
});

test("stream_v2_largeStreamThroughStreams_staysWithinOneSegmentPerChunk", async () => {
  const segment = 64 << 10;
  const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: segment, version: 2 });
  const size = 8 * (1 << 20) + 12345;
  const plaintext = pattern(size, 99);
  const { stream, result } = cipher.encryptStream();
  const stored: Uint8Array[] = [];
  let largest = 0;
  await chunked(plaintext, 1 << 20).pipeThrough(stream).pipeTo(
    new WritableStream({
      write(chunk) {
        stored.push(chunk);
        largest = Math.max(largest, chunk.length);
      },
    }),
  );
  const content = await result;
  const segments = Math.floor(size / segment) + 1;
  ok(largest <= Math.max(segment + 16, segments * LEAF_SIZE), `largest chunk ${largest}`);
  let released = 0;
  const hash: Uint8Array[] = [];
  await cipher.decrypt(bytesSource(concat(...stored)), { expectedDigest: content.digest }).pipeTo(
    new WritableStream({
      async write(chunk) {
        ok(chunk.length <= segment, "one segment per chunk");
        released += chunk.length;
        hash.push(await sha256(chunk));
      },
    }),
  );
  equal(released, size);
  const expected: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += segment) {
    expected.push(await sha256(plaintext.subarray(offset, offset + segment)));
  }
  equal(toHex(concat(...hash)), toHex(concat(...expected)));
});

test("httpSource_rangedFetches_decryptAndVerify_andReadOnlyWhatIsNeeded", async () => {
  const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: 1024, version: 2 });
  const plaintext = pattern(100 * 1024 + 17, 5);
  const { bytes, content } = await encrypt(cipher, plaintext, 4096);
  const url = `${platform().serverUrl}/blobs/stream-${platform().name}-${Math.random().toString(36).slice(2)}`;
  const put = await fetch(url, { method: "PUT", body: bytes as Uint8Array<ArrayBuffer> });
  equal(put.status, 204);
  // The size from the server's Content-Range, and from the (signed) manifest.
  const discovered = await httpSource(url);
  equal(discovered.size, bytes.length);
  bytesEqual(await collect(cipher.decrypt(discovered, { expectedDigest: content.digest })), plaintext);
  let fetched = 0;
  const counted = await httpSource(url, {
    size: content.storedSize,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      fetched += Number(response.headers.get("Content-Length") ?? 0);
      return response;
    },
  });
  const range = await collect(cipher.decrypt(counted, { offset: 50 * 1024 + 3, length: 10, expectedDigest: content.digest }));
  bytesEqual(range, plaintext.subarray(50 * 1024 + 3, 50 * 1024 + 13));
  ok(fetched <= HEADER_SIZE + 101 * LEAF_SIZE + 1040, `a 10-byte range fetched ${fetched} bytes`);
  // A size that is not the stored one (a manifest and a blob that disagree) fails typed.
  await rejects(() => collect(cipher.decrypt(bytesSource(bytes.subarray(0, 1)))), IntegrityError);
  const wrongSize = await httpSource(url, { size: content.storedSize + 32 });
  await rejects(() => collect(cipher.decrypt(wrongSize, { expectedDigest: content.digest })), IntegrityError);
  // A server that ignores the range and sends everything is refused, not downloaded.
  const ignoring = await httpSource(`${platform().serverUrl}/vectors/key-pin.json`, { size: 1000 }).then((s) => s.read(0, 49).then(() => "read", (e: unknown) => e));
  ok(ignoring instanceof RangeRequestError, `a 200 answer: ${String(ignoring)}`);
});

test("blobSource_andProgress_reportEverySegmentUpToTheTotal", async () => {
  const cipher = ContentCipher.create(SymmetricKey.generate(), context, { segmentSize: S, version: 2 });
  const plaintext = pattern(7 * S + 3);
  const { bytes, content } = await encrypt(cipher, plaintext);
  const progress: [number, number][] = [];
  const source = blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const out = await collect(
    cipher.decrypt(source, { expectedDigest: content.digest, onProgress: (done, total) => progress.push([done, total]) }),
  );
  bytesEqual(out, plaintext);
  equal(progress.length, 8, "one report per segment");
  equal(progress[progress.length - 1]![0], plaintext.length);
  ok(progress.every(([done, total], i) => total === plaintext.length && (i === 0 || done >= progress[i - 1]![0])), "monotonic");
});

test("stream_expectedVersion_aStreamOfAnotherVersionThanSigned_isDamage", async () => {
  // A version-2 room entry signs a version-2 stream: a version-1 stream under the same key in its
  // place (a downgrade to the reader without per-range checks) is refused before any plaintext.
  const key = SymmetricKey.generate();
  const v1 = await encrypt(ContentCipher.create(key, context, { segmentSize: S, version: 1 }), pattern(3 * S, 5));
  const v2 = await encrypt(ContentCipher.create(key, context, { segmentSize: S, version: 2 }), pattern(3 * S, 5));
  const reader = ContentCipher.create(key, context);
  await rejects(() => collect(reader.decrypt(bytesSource(v1.bytes), { expectedVersion: 2 })), IntegrityError);
  await rejects(() => collect(reader.decrypt(bytesSource(v1.bytes), { expectedVersion: 2, offset: S, length: 4 })), IntegrityError);
  bytesEqual(await collect(reader.decrypt(bytesSource(v2.bytes), { expectedVersion: 2, expectedDigest: v2.content.digest })), pattern(3 * S, 5));
  await rejects(() => collect(reader.decrypt(bytesSource(v2.bytes), { expectedVersion: 1 })), IntegrityError);
});
