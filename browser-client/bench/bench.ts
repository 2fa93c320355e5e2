import { ContentContexts } from "../src/contexts.js";
import { aesGcmDecrypt, aesGcmEncrypt, aesKey, secureRandom, sha256 } from "../src/internal/primitives.js";
import { DEFAULT_KDF } from "../src/keyblob.js";
import { activate, unlock } from "../src/session.js";
import { ContentCipher } from "../src/stream/cipher.js";
import { bytesSource } from "../src/stream/sources.js";
import { SymmetricKey } from "../src/symmetric-key.js";

/**
 * The browser client's benchmarks, run the same way in Node and in Chromium (wall-clock time,
 * interleaved rounds; report the machine's load with them):
 * - unlock at the Java SDK's default Argon2id cost (64 MiB, 3 passes, 1 lane);
 * - content-stream encryption and decryption against raw WebCrypto AES-256-GCM over the same
 *   bytes in 1 MiB calls, as per-round ratios (raw time / stream time: 1.0 is raw speed).
 */

export interface Summary {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

export interface BenchResults {
  readonly runtime: string;
  readonly unlockMs: Summary;
  readonly mebibytes: number;
  readonly throughputMBps: Record<string, Summary>;
  readonly ratios: Record<string, Summary>;
}

function summary(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function runBenchmarks(
  runtime: string,
  options: { unlockRounds?: number; mebibytes?: number; rounds?: number; log?: (line: string) => void } = {},
): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const unlockRounds = options.unlockRounds ?? 7;
  const mebibytes = options.mebibytes ?? 64;
  const rounds = options.rounds ?? 9;

  // Unlock at the default cost.
  const { record } = await activate("alice@example.org", "correct horse battery staple", { kdf: DEFAULT_KDF });
  await unlock(record, "correct horse battery staple");
  const unlockTimes: number[] = [];
  for (let i = 0; i < unlockRounds; i++) {
    unlockTimes.push(await time(() => unlock(record, "correct horse battery staple")));
  }
  log(`${runtime}: unlock ${summary(unlockTimes).median.toFixed(0)} ms (median of ${unlockRounds})`);
  if (mebibytes === 0) {
    return { runtime, unlockMs: summary(unlockTimes), mebibytes, throughputMBps: {}, ratios: {} };
  }

  // Streams: the same plaintext, 1 MiB at a time.
  const segment = 1 << 20;
  const plaintext = secureRandom(mebibytes * segment);
  const chunks = Array.from({ length: mebibytes }, (_, i) => plaintext.subarray(i * segment, (i + 1) * segment));
  const key = SymmetricKey.generate();
  const context = ContentContexts.deliveryFile("delivery-1", "file-1", 3);
  const v1 = ContentCipher.create(key, context, { segmentSize: segment, version: 1 });
  const v2 = ContentCipher.create(key, context, { segmentSize: segment, version: 2 });
  const rawKey = await aesKey(secureRandom(32));
  const nonce = (i: number): Uint8Array => {
    const n = new Uint8Array(12);
    new DataView(n.buffer).setUint32(8, i);
    return n;
  };
  const rawCiphertexts: Uint8Array[] = [];
  for (let i = 0; i < chunks.length; i++) {
    rawCiphertexts.push(await aesGcmEncrypt(rawKey, nonce(i), chunks[i]!));
  }
  const encryptWith = async (cipher: ContentCipher): Promise<{ bytes: Uint8Array; digest: Uint8Array }> => {
    const encryptor = await cipher.encryptor();
    const parts = [encryptor.header];
    for (const chunk of chunks) {
      parts.push(...(await encryptor.write(chunk)));
    }
    const { chunks: rest, content } = await encryptor.finish();
    parts.push(...rest);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return { bytes, digest: content.digest };
  };
  const stored1 = await encryptWith(v1);
  const stored2 = await encryptWith(v2);
  const drain = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
    const reader = stream.getReader();
    while (!(await reader.read()).done) {
      // The plaintext is dropped, as the raw baseline's is.
    }
  };

  const operations: Record<string, () => Promise<unknown>> = {
    rawEncrypt: async () => {
      for (let i = 0; i < chunks.length; i++) {
        await aesGcmEncrypt(rawKey, nonce(i), chunks[i]!);
      }
    },
    rawEncryptThenSha256: async () => {
      for (let i = 0; i < chunks.length; i++) {
        await sha256(await aesGcmEncrypt(rawKey, nonce(i), chunks[i]!));
      }
    },
    streamEncryptV1: async () => {
      const encryptor = await v1.encryptor();
      for (const chunk of chunks) {
        await encryptor.write(chunk);
      }
      await encryptor.finish();
    },
    streamEncryptV2: async () => {
      const encryptor = await v2.encryptor();
      for (const chunk of chunks) {
        await encryptor.write(chunk);
      }
      await encryptor.finish();
    },
    rawDecrypt: async () => {
      for (let i = 0; i < rawCiphertexts.length; i++) {
        await aesGcmDecrypt(rawKey, nonce(i), rawCiphertexts[i]!);
      }
    },
    rawDecryptThenSha256: async () => {
      for (let i = 0; i < rawCiphertexts.length; i++) {
        await sha256(rawCiphertexts[i]!);
        await aesGcmDecrypt(rawKey, nonce(i), rawCiphertexts[i]!);
      }
    },
    streamDecryptV1: () => drain(v1.decrypt(bytesSource(stored1.bytes))),
    streamDecryptV2Verified: () => drain(v2.decrypt(bytesSource(stored2.bytes), { expectedDigest: stored2.digest })),
  };
  const names = Object.keys(operations);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -2; round < rounds; round++) {
    // Alternate the order every round, so that neither side always runs first.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const ms = await time(operations[name]!);
      if (round >= 0) {
        times[name]!.push(ms);
      }
    }
    log(`${runtime}: stream round ${round + 1} of ${rounds}${round < 0 ? " (warm-up)" : ""}`);
  }
  const throughputMBps = Object.fromEntries(
    names.map((n) => [n, summary(times[n]!.map((ms) => (mebibytes * segment) / 1e6 / (ms / 1000)))]),
  );
  const ratio = (baseline: string, candidate: string): Summary =>
    summary(times[baseline]!.map((ms, i) => ms / times[candidate]![i]!));
  return {
    runtime,
    unlockMs: summary(unlockTimes),
    mebibytes,
    throughputMBps,
    ratios: {
      "encrypt v1 / raw AES-GCM": ratio("rawEncrypt", "streamEncryptV1"),
      "encrypt v2 / raw AES-GCM then SHA-256": ratio("rawEncryptThenSha256", "streamEncryptV2"),
      "encrypt v2 / raw AES-GCM": ratio("rawEncrypt", "streamEncryptV2"),
      "decrypt v1 / raw AES-GCM": ratio("rawDecrypt", "streamDecryptV1"),
      "decrypt v2 verified / raw SHA-256 and AES-GCM": ratio("rawDecryptThenSha256", "streamDecryptV2Verified"),
      "decrypt v2 verified / raw AES-GCM": ratio("rawDecrypt", "streamDecryptV2Verified"),
    },
  };
}

export function format(results: BenchResults): string {
  const s = (x: Summary, digits: number): string =>
    `${x.median.toFixed(digits)} (${x.q1.toFixed(digits)}-${x.q3.toFixed(digits)})`;
  const lines = [`== ${results.runtime}`, `unlock at 64 MiB / 3 passes / 1 lane: ${s(results.unlockMs, 0)} ms`];
  if (results.mebibytes === 0) {
    return lines.join("\n");
  }
  lines.push(`throughput over ${results.mebibytes} MiB in 1 MiB segments, MB/s, median (quartiles):`);
  for (const [name, value] of Object.entries(results.throughputMBps)) {
    lines.push(`  ${name.padEnd(26)} ${s(value, 0)}`);
  }
  lines.push("ratios per round (1.00 = the baseline's speed), median (quartiles):");
  for (const [name, value] of Object.entries(results.ratios)) {
    lines.push(`  ${name.padEnd(48)} ${s(value, 2)}`);
  }
  return lines.join("\n");
}
