import { encodeContentContext, type ContentContext } from "../contexts.js";
import { IntegrityError } from "../errors.js";
import { ByteReader, ByteWriter, concat, wipe } from "../internal/bytes.js";
import { label, Labels } from "../internal/labels.js";
import { Kind, readPrefix, writePrefix } from "../internal/prefix.js";
import { aesGcmDecrypt, aesGcmEncrypt, aesKey, hkdfSha256, sha256, type Random } from "../internal/primitives.js";

/**
 * The bytes of the content stream (docs/format.md, "Content stream"): version 1 (header and
 * AES-256-GCM segments) and version 2 (the same segments, then a table of per-segment hashes
 * whose Merkle root the stream digest commits to; the format-2 design).
 */

export type StreamVersion = 1 | 2;

export const HEADER_SIZE = 49;
export const TAG_SIZE = 16;
export const LEAF_SIZE = 32;
export const SALT_SIZE = 32;
export const NONCE_PREFIX_SIZE = 7;
export const MIN_SEGMENT_SIZE = 16;
export const MAX_SEGMENT_SIZE = 8 << 20;
export const DEFAULT_SEGMENT_SIZE = 1 << 20;
/** The 32-bit segment counter: at most 2^32 segments. */
export const MAX_SEGMENTS = 2 ** 32;

const CONTENT_LABELS: Record<StreamVersion, Uint8Array> = {
  1: label(Labels.CONTENT),
  2: label(Labels.CONTENT_V2),
};
const CIPHERTEXT_DIGEST_LABEL = label(Labels.CIPHERTEXT_DIGEST);
const STREAM_DIGEST_LABEL = label(Labels.STREAM_DIGEST_V2);

export function checkSegmentSize(segmentSize: number): void {
  if (!Number.isInteger(segmentSize) || segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
    throw new RangeError(`segment size must be ${MIN_SEGMENT_SIZE} to ${MAX_SEGMENT_SIZE} bytes, got ${segmentSize}`);
  }
}

/** The 49-byte header: prefix, u32 segment size, 32-byte salt, 7-byte nonce prefix. */
export class StreamHeader {
  private constructor(
    readonly version: StreamVersion,
    readonly segmentSize: number,
    readonly salt: Uint8Array,
    readonly noncePrefix: Uint8Array,
    readonly encoded: Uint8Array,
  ) {}

  /** A header with a fresh salt and nonce prefix (salt first, as the Java SDK draws them). */
  static create(version: StreamVersion, segmentSize: number, random: Random): StreamHeader {
    checkSegmentSize(segmentSize);
    const salt = random(SALT_SIZE);
    const noncePrefix = random(NONCE_PREFIX_SIZE);
    const encoded = writePrefix(new ByteWriter(HEADER_SIZE), Kind.CONTENT, version)
      .u32(segmentSize)
      .bytes(salt)
      .bytes(noncePrefix)
      .toBytes();
    return new StreamHeader(version, segmentSize, salt, noncePrefix, encoded);
  }

  /**
   * Parses exactly {@link HEADER_SIZE} bytes.
   *
   * @throws IntegrityError if damaged; UnsupportedFormatError for a version not in `versions`
   */
  static parse(bytes: Uint8Array, versions: readonly StreamVersion[] = [1, 2]): StreamHeader {
    if (bytes.length < HEADER_SIZE) {
      throw new IntegrityError("content stream is truncated: incomplete header");
    }
    const input = new ByteReader(bytes, (m) => new IntegrityError(`content stream header: ${m}`));
    const version = readPrefix(input, Kind.CONTENT, versions) as StreamVersion;
    const segmentSize = input.u32();
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IntegrityError("content stream header has an invalid segment size");
    }
    const salt = input.bytes(SALT_SIZE, "salt");
    const noncePrefix = input.bytes(NONCE_PREFIX_SIZE, "nonce prefix");
    input.end("content stream header");
    return new StreamHeader(version, segmentSize, salt, noncePrefix, bytes.slice());
  }

  /**
   * The segment cipher of this stream: AES-256-GCM under `K_file = HKDF-SHA256(content key, salt,
   * label || header || context)`, so every header byte and the context are authenticated.
   */
  async cipher(contentKey: Uint8Array, context: ContentContext): Promise<SegmentCipher> {
    const info = concat(CONTENT_LABELS[this.version], this.encoded, encodeContentContext(context));
    const fileKey = await hkdfSha256(contentKey, this.salt, info, 32);
    try {
      return new SegmentCipher(await aesKey(fileKey), this.noncePrefix);
    } finally {
      wipe(fileKey);
    }
  }
}

/** AES-256-GCM of one segment; the nonce is `noncePrefix || u32 index || u8 last`. */
export class SegmentCipher {
  constructor(
    private readonly key: CryptoKey,
    private readonly noncePrefix: Uint8Array,
  ) {}

  private nonce(index: number, last: boolean): Uint8Array {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_SEGMENTS) {
      throw new RangeError("content streams hold at most 2^32 segments");
    }
    const nonce = new Uint8Array(12);
    nonce.set(this.noncePrefix);
    new DataView(nonce.buffer).setUint32(7, index);
    nonce[11] = last ? 1 : 0;
    return nonce;
  }

  encrypt(index: number, last: boolean, plaintext: Uint8Array): Promise<Uint8Array> {
    return aesGcmEncrypt(this.key, this.nonce(index, last), plaintext);
  }

  /** The plaintext; {@link IntegrityError} if the segment does not authenticate at this position. */
  async decrypt(index: number, last: boolean, segment: Uint8Array): Promise<Uint8Array> {
    if (segment.length < TAG_SIZE) {
      throw new IntegrityError(`content segment ${index} is truncated`);
    }
    const plaintext = await aesGcmDecrypt(this.key, this.nonce(index, last), segment);
    if (plaintext === undefined) {
      throw new IntegrityError(
        `content segment ${index} failed authentication (tampered, truncated, reordered, wrong key or wrong context)`,
      );
    }
    return plaintext;
  }
}

/**
 * Where the segments of a stream lie. Every segment but the last holds `segmentSize` plaintext
 * bytes, the last 0 to `segmentSize - 1`: `n = floor(P / S) + 1`.
 */
export class SegmentLayout {
  readonly segments: number;

  private constructor(
    readonly version: StreamVersion,
    readonly segmentSize: number,
    readonly plaintextSize: number,
  ) {
    this.segments = Math.floor(plaintextSize / segmentSize) + 1;
  }

  static ofPlaintext(version: StreamVersion, segmentSize: number, plaintextSize: number): SegmentLayout {
    if (!Number.isSafeInteger(plaintextSize) || plaintextSize < 0) {
      throw new RangeError("plaintext size must be a non-negative safe integer");
    }
    return new SegmentLayout(version, segmentSize, plaintextSize);
  }

  /**
   * The layout of a stored stream of `storedSize` bytes: version 1 is `49 + P + 16 n`, version 2
   * `49 + P + 48 n` (segments, then the table).
   *
   * @throws IntegrityError if no stream of this segment size has that size
   */
  static ofStored(version: StreamVersion, segmentSize: number, storedSize: number): SegmentLayout {
    const perSegment = version === 1 ? TAG_SIZE : TAG_SIZE + LEAF_SIZE;
    const body = storedSize - HEADER_SIZE;
    if (!Number.isSafeInteger(storedSize) || body < perSegment) {
      throw new IntegrityError(`content stream is truncated: ${storedSize} bytes cannot end with a final segment`);
    }
    const full = Math.floor((body - perSegment) / (segmentSize + perSegment));
    const rest = (body - perSegment) % (segmentSize + perSegment);
    if (rest >= segmentSize) {
      throw new IntegrityError(`content stream is truncated: ${storedSize} bytes cannot end with a final segment`);
    }
    if (full + 1 > MAX_SEGMENTS) {
      throw new IntegrityError("content stream has more than 2^32 segments");
    }
    return new SegmentLayout(version, segmentSize, full * segmentSize + rest);
  }

  get lastIndex(): number {
    return this.segments - 1;
  }

  /** Stored size, header (and table) included. */
  get storedSize(): number {
    return HEADER_SIZE + this.plaintextSize + this.segments * (this.version === 1 ? TAG_SIZE : TAG_SIZE + LEAF_SIZE);
  }

  /** Offset of the version-2 table. */
  get tableOffset(): number {
    return HEADER_SIZE + this.plaintextSize + this.segments * TAG_SIZE;
  }

  /** Index of the segment holding plaintext byte `offset` (`offset <= plaintextSize`). */
  indexOf(offset: number): number {
    return Math.floor(offset / this.segmentSize);
  }

  /** Offset of segment `index`'s ciphertext in the stream. */
  segmentOffset(index: number): number {
    return HEADER_SIZE + index * (this.segmentSize + TAG_SIZE);
  }

  /** Ciphertext length of segment `index`, tag included. */
  segmentLength(index: number): number {
    const plaintext = index < this.lastIndex ? this.segmentSize : this.plaintextSize - index * this.segmentSize;
    return plaintext + TAG_SIZE;
  }
}

/** The leaf hash of a version-2 segment: SHA-256(0x00 || segment), ciphertext and tag. */
export function leafHash(segment: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0]), segment);
}

/**
 * The Merkle tree hash of RFC 9162 §2.1.1 over `n` leaf hashes held in `table` (32 bytes each):
 * inner nodes `SHA-256(0x01 || left || right)`, split at the largest power of two below `n`.
 */
export async function merkleRoot(table: Uint8Array): Promise<Uint8Array> {
  const n = table.length / LEAF_SIZE;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError("a Merkle tree needs one leaf or more");
  }
  // Bottom-up in the RFC's shape: a stack of complete subtrees, merged right to left at the end.
  const stack: { hash: Uint8Array; size: number }[] = [];
  const inner = new Uint8Array([1]);
  for (let i = 0; i < n; i++) {
    let node = { hash: table.subarray(i * LEAF_SIZE, (i + 1) * LEAF_SIZE), size: 1 };
    while (stack.length > 0 && stack[stack.length - 1]!.size === node.size) {
      const left = stack.pop()!;
      node = { hash: await sha256(inner, left.hash, node.hash), size: left.size * 2 };
    }
    stack.push(node);
  }
  let right = stack.pop()!.hash;
  while (stack.length > 0) {
    right = await sha256(inner, stack.pop()!.hash, right);
  }
  return right.slice();
}

/** `SHA-256("SecuPass stream digest v2"\0 || header || u64 n || root)`. */
export function streamDigestV2(header: Uint8Array, segments: number, root: Uint8Array): Promise<Uint8Array> {
  return sha256(STREAM_DIGEST_LABEL, header, new ByteWriter(8).u64(segments).toBytes(), root);
}

/**
 * Hashes segments in order with one hash in flight beside the caller's work: WebCrypto runs the
 * hash on its own thread while the caller encrypts or decrypts the next segment, and waiting for
 * the one before keeps memory at one pending segment.
 */
export class SegmentHashes {
  private readonly hashes: Uint8Array[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly hash: (segment: Uint8Array) => Promise<Uint8Array>) {}

  /** Starts hashing `segment` (WebCrypto copies it at once) after the previous hash is done. */
  async add(segment: Uint8Array): Promise<void> {
    await this.pending;
    const next = this.hash(segment).then((h) => {
      this.hashes.push(h);
    });
    next.catch(() => undefined);
    this.pending = next;
  }

  /** Every hash, in order. */
  async all(): Promise<Uint8Array[]> {
    await this.pending;
    return this.hashes;
  }
}

/**
 * The version-1 two-level ciphertext digest: `SHA-256(label || header || SHA-256(segment 0) ||
 * ... )`. The segment hashes are kept (32 bytes each) and the outer hash taken at the end.
 */
export class CiphertextDigester {
  private readonly hashes = new SegmentHashes((segment) => sha256(segment));

  constructor(private readonly header: Uint8Array) {}

  segment(ciphertext: Uint8Array): Promise<void> {
    return this.hashes.add(ciphertext);
  }

  async finish(): Promise<Uint8Array> {
    return sha256(CIPHERTEXT_DIGEST_LABEL, this.header, ...(await this.hashes.all()));
  }
}
