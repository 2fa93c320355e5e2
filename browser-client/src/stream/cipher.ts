import { contentContext, type ContentContext } from "../contexts.js";
import { IntegrityError } from "../errors.js";
import { constantTimeEqual, wipe } from "../internal/bytes.js";
import { secureRandom, type Random } from "../internal/primitives.js";
import { SymmetricKey } from "../symmetric-key.js";
import {
  CiphertextDigester,
  checkSegmentSize,
  DEFAULT_SEGMENT_SIZE,
  HEADER_SIZE,
  LEAF_SIZE,
  leafHash,
  merkleRoot,
  SegmentCipher,
  SegmentHashes,
  SegmentLayout,
  StreamHeader,
  streamDigestV2,
  TAG_SIZE,
  type StreamVersion,
} from "./format.js";
import { Segmenter } from "./segmenter.js";
import { bytesSource, type CiphertextSource } from "./sources.js";

/** What an encryption produced, for the manifest or entry that signs it. */
export interface EncryptedContent {
  readonly version: StreamVersion;
  readonly plaintextSize: number;
  /** The stored size, header (and table) included. */
  readonly storedSize: number;
  /**
   * Version 2: the stream digest (always). Version 1: the two-level ciphertext digest when
   * `computeDigest` was set, else empty.
   */
  readonly digest: Uint8Array;
}

/** Options of {@link ContentCipher.create}. */
export interface ContentCipherOptions {
  /** Plaintext bytes per segment when encrypting, 16 bytes to 8 MiB (default 1 MiB). */
  readonly segmentSize?: number;
  /** The version written (default 1, what the Java SDK writes until it writes version 2). */
  readonly version?: StreamVersion;
  /** Version 1 only: also compute the two-level ciphertext digest a version-1 manifest signs. */
  readonly computeDigest?: boolean;
  /** Versions a reader accepts (default both); others are `UnsupportedFormatError`. */
  readonly acceptVersions?: readonly StreamVersion[];
  /** The source of salts and nonce prefixes. */
  readonly random?: Random;
}

/** Options of {@link ContentCipher.decrypt}. */
export interface DecryptOptions {
  /**
   * The digest the writer signed (manifest or room entry). Version 2: every segment released, in
   * any range, is first checked against it. Version 1: checked before the final segment's
   * plaintext is released, so only whole reads can take it.
   */
  readonly expectedDigest?: Uint8Array;
  /**
   * The stream version the writer signed (a version-2 room entry signs a version-2 stream): a
   * stream of another known version is an {@link IntegrityError} (a downgrade), not a stream to read.
   */
  readonly expectedVersion?: StreamVersion;
  /** First plaintext byte (default 0). */
  readonly offset?: number;
  /** Plaintext bytes at most (default: to the end). */
  readonly length?: number;
  /** Called after each segment released: plaintext bytes so far and the bytes the read covers. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Encrypts and decrypts content in the content-stream format, versions 1 and 2 (docs/format.md,
 * "Content stream"), one segment at a time: memory is one segment both ways (and, in version 2,
 * 32 bytes per segment for the table). A reader only ever releases plaintext of segments that
 * authenticated (and, given a version-2 digest, whose leaf the signed root covers); truncation
 * anywhere, reordering, any flipped bit, another key or another context raise
 * {@link IntegrityError}.
 */
export class ContentCipher {
  private constructor(
    private readonly key: SymmetricKey,
    readonly context: ContentContext,
    readonly segmentSize: number,
    readonly version: StreamVersion,
    private readonly computeDigest: boolean,
    private readonly acceptVersions: readonly StreamVersion[],
    private readonly random: Random,
  ) {}

  /** A cipher of `key` in `context`. The key is used, not copied: wiping it disables the cipher. */
  static create(key: SymmetricKey, context: ContentContext, options: ContentCipherOptions = {}): ContentCipher {
    const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    checkSegmentSize(segmentSize);
    const version = options.version ?? 1;
    if (version !== 1 && version !== 2) {
      throw new RangeError("content stream version must be 1 or 2");
    }
    return new ContentCipher(
      key,
      contentContext(context),
      segmentSize,
      version,
      options.computeDigest ?? false,
      options.acceptVersions ?? [1, 2],
      options.random ?? secureRandom,
    );
  }

  /** Stored size of `plaintextSize` bytes in `version` with `segmentSize`. */
  static storedSize(plaintextSize: number, segmentSize = DEFAULT_SEGMENT_SIZE, version: StreamVersion = 1): number {
    checkSegmentSize(segmentSize);
    return SegmentLayout.ofPlaintext(version, segmentSize, plaintextSize).storedSize;
  }

  /**
   * Starts an encryption. Feed plaintext with {@link ContentEncryptor.write} (any chunk sizes),
   * collect the chunks it returns (header, then whole segments) and end with
   * {@link ContentEncryptor.finish}.
   */
  async encryptor(): Promise<ContentEncryptor> {
    const header = StreamHeader.create(this.version, this.segmentSize, this.random);
    const cipher = await header.cipher(this.key.material(), this.context);
    return new ContentEncryptor(header, cipher, this.computeDigest);
  }

  /**
   * Encrypts a stream of plaintext (a `File`'s `stream()`) to a stream of ciphertext chunks for
   * upload: the header, each segment as it fills, and (version 2) the table. Memory is one
   * segment; `result` resolves when the last chunk was produced.
   */
  encryptStream(): { readonly stream: TransformStream<Uint8Array, Uint8Array>; readonly result: Promise<EncryptedContent> } {
    let encryptor: ContentEncryptor | undefined;
    let resolve!: (value: EncryptedContent) => void;
    let reject!: (error: unknown) => void;
    const result = new Promise<EncryptedContent>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    result.catch(() => undefined);
    const stream = new TransformStream<Uint8Array, Uint8Array>(
      {
        start: async (controller) => {
          try {
            encryptor = await this.encryptor();
            controller.enqueue(encryptor.header);
          } catch (e) {
            reject(e);
            throw e;
          }
        },
        transform: async (chunk, controller) => {
          try {
            for (const out of await encryptor!.write(chunk)) {
              controller.enqueue(out);
            }
          } catch (e) {
            reject(e);
            throw e;
          }
        },
        flush: async (controller) => {
          try {
            const { chunks, content } = await encryptor!.finish();
            for (const out of chunks) {
              controller.enqueue(out);
            }
            resolve(content);
          } catch (e) {
            reject(e);
            throw e;
          }
        },
      },
      { highWaterMark: 1 },
      { highWaterMark: 1 },
    );
    return { stream, result };
  }

  /** Encrypts a small value held in memory (a name, a message, a key). */
  async seal(plaintext: Uint8Array): Promise<Uint8Array> {
    const encryptor = await this.encryptor();
    const parts = [encryptor.header, ...(await encryptor.write(plaintext)), ...(await encryptor.finish()).chunks];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** Decrypts what {@link seal} made. */
  async open(ciphertext: Uint8Array): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    const reader = this.decrypt(bytesSource(ciphertext)).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
      wipe(chunk);
    }
    return out;
  }

  /** Wraps a key under this cipher's key ({@link seal} of its 32 bytes). */
  async wrap(keyToWrap: SymmetricKey): Promise<Uint8Array> {
    return this.seal(keyToWrap.material());
  }

  /** Unwraps what {@link wrap} made; a plaintext that is not 32 bytes is {@link IntegrityError}. */
  async unwrap(wrapped: Uint8Array): Promise<SymmetricKey> {
    const material = await this.open(wrapped);
    try {
      if (material.length !== SymmetricKey.SIZE) {
        throw new IntegrityError(`wrapped key has ${material.length} bytes, not 32`);
      }
      return SymmetricKey.fromBytes(material);
    } finally {
      wipe(material);
    }
  }

  /**
   * The plaintext of `source` (or of the byte range `[offset, offset + length)` of it) as a stream
   * that reads, verifies and releases one segment per pull: pipe it to a `WritableStream` (a file
   * of the File System Access API) or answer a Service Worker's fetch with it. A failure errors
   * the stream; what was released before it was verified.
   */
  decrypt(source: CiphertextSource, options: DecryptOptions = {}): ReadableStream<Uint8Array> {
    let reader: RangeReader | undefined;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          try {
            reader ??= await RangeReader.start(this.key, this.context, this.acceptVersions, source, options);
            const chunk = await reader.next();
            if (chunk === undefined) {
              controller.close();
            } else {
              controller.enqueue(chunk);
            }
          } catch (e) {
            controller.error(e);
          }
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * Decrypts a stream of ciphertext that arrives in order (a plain download without ranges): a
   * `TransformStream` from ciphertext chunks to plaintext. Version 1 only, as in the Java SDK's
   * push decryptor: each whole segment is released once its tag verified, the final one at the
   * end, after the digest (if given) matched. Version-2 streams are read by range
   * ({@link decrypt}), which checks every segment against the table before release.
   */
  decryptStream(options: { readonly expectedDigest?: Uint8Array } = {}): TransformStream<Uint8Array, Uint8Array> {
    const decryptor = new SequentialDecryptor(this.key, this.context, this.acceptVersions, options.expectedDigest);
    return new TransformStream<Uint8Array, Uint8Array>(
      {
        transform: async (chunk, controller) => {
          for (const out of await decryptor.write(chunk)) {
            controller.enqueue(out);
          }
        },
        flush: async (controller) => {
          controller.enqueue(await decryptor.finish());
        },
      },
      { highWaterMark: 1 },
      { highWaterMark: 1 },
    );
  }
}

/** The state of one encryption; see {@link ContentCipher.encryptor}. */
export class ContentEncryptor {
  private readonly segmenter: Segmenter;
  private index = 0;
  private plaintextSize = 0;
  private finished = false;
  private readonly leaves = new SegmentHashes(leafHash);
  private readonly digester: CiphertextDigester | undefined;

  constructor(
    private readonly streamHeader: StreamHeader,
    private readonly cipher: SegmentCipher,
    computeDigest: boolean,
  ) {
    this.segmenter = new Segmenter(streamHeader.segmentSize, (plaintext) => this.segment(plaintext, false));
    this.digester =
      streamHeader.version === 1 && computeDigest ? new CiphertextDigester(streamHeader.encoded) : undefined;
  }

  /** The 49-byte header: the first chunk of the stream. */
  get header(): Uint8Array {
    return this.streamHeader.encoded;
  }

  /** Adds plaintext; returns the segments it completed (none or more). */
  async write(plaintext: Uint8Array): Promise<Uint8Array[]> {
    this.ensureOpen();
    return this.segmenter.push(plaintext);
  }

  /** Encrypts the final segment (0 to S - 1 bytes) and, in version 2, returns the table too. */
  async finish(): Promise<{ chunks: Uint8Array[]; content: EncryptedContent }> {
    this.ensureOpen();
    const chunks = [await this.segment(this.segmenter.rest(), true)];
    this.finished = true;
    this.segmenter.wipe();
    const { version, segmentSize, encoded } = this.streamHeader;
    const layout = SegmentLayout.ofPlaintext(version, segmentSize, this.plaintextSize);
    let digest: Uint8Array = new Uint8Array(0);
    if (version === 2) {
      const leaves = await this.leaves.all();
      const table = new Uint8Array(leaves.length * LEAF_SIZE);
      leaves.forEach((leaf, i) => table.set(leaf, i * LEAF_SIZE));
      chunks.push(table);
      digest = await streamDigestV2(encoded, leaves.length, await merkleRoot(table));
    } else if (this.digester !== undefined) {
      digest = await this.digester.finish();
    }
    return {
      chunks,
      content: { version, plaintextSize: this.plaintextSize, storedSize: layout.storedSize, digest },
    };
  }

  private async segment(plaintext: Uint8Array, last: boolean): Promise<Uint8Array> {
    const ciphertext = await this.cipher.encrypt(this.index++, last, plaintext);
    this.plaintextSize += plaintext.length;
    if (this.streamHeader.version === 2) {
      await this.leaves.add(ciphertext);
    } else {
      await this.digester?.segment(ciphertext);
    }
    return ciphertext;
  }

  private ensureOpen(): void {
    if (this.finished) {
      throw new Error("the encryption was already finished");
    }
  }
}

/** Reads a range of a stored stream segment by segment (random access). */
class RangeReader {
  private index: number;
  private skip: number;
  private remaining: number;
  private done = 0;
  private pending: Promise<Uint8Array> | undefined;

  private constructor(
    private readonly source: CiphertextSource,
    private readonly header: StreamHeader,
    private readonly layout: SegmentLayout,
    private readonly cipher: SegmentCipher,
    private readonly table: Uint8Array | undefined,
    private readonly digester: CiphertextDigester | undefined,
    private readonly expectedDigest: Uint8Array | undefined,
    private readonly last: number,
    first: number,
    skip: number,
    private readonly total: number,
    private readonly onProgress: ((done: number, total: number) => void) | undefined,
  ) {
    this.index = first;
    this.skip = skip;
    this.remaining = total;
  }

  static async start(
    key: SymmetricKey,
    context: ContentContext,
    versions: readonly StreamVersion[],
    source: CiphertextSource,
    options: DecryptOptions,
  ): Promise<RangeReader> {
    const offset = options.offset ?? 0;
    const length = options.length ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError("offset and length must be non-negative integers");
    }
    if (source.size < HEADER_SIZE) {
      throw new IntegrityError("content stream is truncated: incomplete header");
    }
    const header = StreamHeader.parse(await source.read(0, HEADER_SIZE), versions);
    if (options.expectedVersion !== undefined && header.version !== options.expectedVersion) {
      throw new IntegrityError(`the content stream is of version ${header.version}, but its writer signed a version-${options.expectedVersion} stream`);
    }
    const layout = SegmentLayout.ofStored(header.version, header.segmentSize, source.size);
    if (offset > layout.plaintextSize) {
      throw new RangeError(`offset ${offset} is beyond the plaintext's end (${layout.plaintextSize})`);
    }
    const end = Math.min(layout.plaintextSize, offset + Math.min(length, Number.MAX_SAFE_INTEGER - offset));
    const first = layout.indexOf(offset);
    // A read to the plaintext's end goes through the final segment (empty or not), so that a
    // whole read verifies the stream's end as a sequential read does.
    const last = end === layout.plaintextSize ? layout.lastIndex : Math.max(first, layout.indexOf(end - 1));
    const whole = offset === 0 && end === layout.plaintextSize;
    const cipher = await header.cipher(key.material(), context);
    let table: Uint8Array | undefined;
    let digester: CiphertextDigester | undefined;
    if (header.version === 2) {
      // The table first: the digest covers it, and every segment is checked against it.
      table = await source.read(layout.tableOffset, layout.segments * LEAF_SIZE);
      if (options.expectedDigest !== undefined) {
        const digest = await streamDigestV2(header.encoded, layout.segments, await merkleRoot(table));
        if (!constantTimeEqual(digest, options.expectedDigest)) {
          throw new IntegrityError("content stream does not match its expected digest");
        }
      }
    } else if (options.expectedDigest !== undefined) {
      if (!whole) {
        throw new RangeError("a version-1 stream can be checked against its digest only when read whole");
      }
      digester = new CiphertextDigester(header.encoded);
    }
    return new RangeReader(
      source,
      header,
      layout,
      cipher,
      table,
      digester,
      options.expectedDigest?.slice(),
      last,
      first,
      offset - first * header.segmentSize,
      end - offset,
      options.onProgress,
    );
  }

  /** The next released plaintext, or `undefined` after the range. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.index > this.last) {
      return undefined;
    }
    const index = this.index++;
    const segment = await (this.pending ?? this.read(index));
    // Read ahead: the next segment's bytes arrive while this one is checked and decrypted.
    this.pending = this.index <= this.last ? this.read(this.index) : undefined;
    this.pending?.catch(() => undefined);
    const final = index === this.layout.lastIndex;
    // Decryption runs beside the checks (on WebCrypto's threads); its plaintext is used only if
    // every check passed.
    const decrypted = this.cipher.decrypt(index, final, segment);
    decrypted.catch(() => undefined);
    if (this.table !== undefined) {
      const leaf = await leafHash(segment);
      if (!constantTimeEqual(leaf, this.table.subarray(index * LEAF_SIZE, (index + 1) * LEAF_SIZE))) {
        throw new IntegrityError(`content segment ${index} does not match the stream's table`);
      }
    }
    if (this.digester !== undefined) {
      await this.digester.segment(segment);
      if (final && !constantTimeEqual(await this.digester.finish(), this.expectedDigest!)) {
        throw new IntegrityError("content stream does not match its expected digest");
      }
    }
    const plaintext = await decrypted;
    const from = this.skip;
    const to = Math.min(plaintext.length, from + this.remaining);
    this.skip = 0;
    this.remaining -= to - from;
    this.done += to - from;
    this.onProgress?.(this.done, this.total);
    return from === 0 && to === plaintext.length ? plaintext : plaintext.slice(from, to);
  }

  private read(index: number): Promise<Uint8Array> {
    return this.source.read(this.layout.segmentOffset(index), this.layout.segmentLength(index));
  }
}

/** Push-style version-1 decryption (see {@link ContentCipher.decryptStream}). */
class SequentialDecryptor {
  private cipher: SegmentCipher | undefined;
  private readonly headerBytes = new Uint8Array(HEADER_SIZE);
  private headerLength = 0;
  private segmenter: Segmenter | undefined;
  private index = 0;
  private digester: CiphertextDigester | undefined;

  constructor(
    private readonly key: SymmetricKey,
    private readonly context: ContentContext,
    private readonly versions: readonly StreamVersion[],
    private readonly expectedDigest: Uint8Array | undefined,
  ) {}

  async write(chunk: Uint8Array): Promise<Uint8Array[]> {
    let rest = chunk;
    if (this.headerLength < HEADER_SIZE) {
      const n = Math.min(chunk.length, HEADER_SIZE - this.headerLength);
      this.headerBytes.set(chunk.subarray(0, n), this.headerLength);
      this.headerLength += n;
      rest = chunk.subarray(n);
      if (this.headerLength === HEADER_SIZE) {
        await this.start();
      }
    }
    // A whole segment is never the final one: verify and release it as soon as it is complete.
    return this.segmenter === undefined ? [] : this.segmenter.push(rest);
  }

  async finish(): Promise<Uint8Array> {
    if (this.segmenter === undefined) {
      throw new IntegrityError("content stream is truncated: incomplete header");
    }
    const final = this.segmenter.rest();
    if (final.length < TAG_SIZE) {
      throw new IntegrityError(`content stream is truncated: segment ${this.index} is missing or incomplete`);
    }
    const plaintext = await this.emit(final, true);
    this.segmenter.wipe();
    return plaintext;
  }

  private async start(): Promise<void> {
    const header = StreamHeader.parse(this.headerBytes, this.versions);
    if (header.version !== 1) {
      throw new RangeError("version-2 streams are decrypted by range (ContentCipher.decrypt)");
    }
    this.cipher = await header.cipher(this.key.material(), this.context);
    this.segmenter = new Segmenter(header.segmentSize + TAG_SIZE, (segment) => this.emit(segment, false));
    if (this.expectedDigest !== undefined) {
      this.digester = new CiphertextDigester(header.encoded);
    }
  }

  private async emit(segment: Uint8Array, last: boolean): Promise<Uint8Array> {
    if (this.digester !== undefined) {
      await this.digester.segment(segment);
      if (last && !constantTimeEqual(await this.digester.finish(), this.expectedDigest!)) {
        throw new IntegrityError("content stream does not match its expected digest");
      }
    }
    return this.cipher!.decrypt(this.index++, last, segment);
  }
}
