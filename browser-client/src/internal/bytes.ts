/**
 * The binary encodings of docs/format.md ("Conventions"): big-endian unsigned integers of 1, 2, 4
 * and 8 bytes, signed 64-bit integers, raw bytes, and `str` (a u16 byte length, then strict
 * UTF-8). Every read is bounds-checked; running past the end, invalid UTF-8 or trailing bytes
 * raise the error its reader was made with, so each format reports damage with its own type.
 */

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The largest integer a u64 or i64 field may hold here: 2^53 - 1 (8 PiB as a size). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function utf8(text: string): Uint8Array {
  return ENCODER.encode(text);
}

/** Strict UTF-8 decoding; `undefined` for malformed input. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return DECODER.decode(bytes);
  } catch {
    return undefined;
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) {
    length += part.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Compares in time that depends only on the lengths, for secrets and their derivatives. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= a[i]! ^ b[i]!;
  }
  return difference === 0;
}

/** Overwrites `bytes` with zeros (what JavaScript allows of wiping). */
export function wipe(...arrays: (Uint8Array | undefined)[]): void {
  for (const bytes of arrays) {
    bytes?.fill(0);
  }
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    out += b.toString(16).padStart(2, "0");
  }
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) {
    throw new TypeError("not a hex string");
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substring(2 * i, 2 * i + 2), 16);
  }
  return out;
}

/** A copy of `bytes` backed by an ArrayBuffer of exactly its length (what WebCrypto takes). */
export function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** `bytes` as a WebCrypto BufferSource without copying where possible. */
export function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : copy(bytes);
}

/** Builds encodings; grows as needed. */
export class ByteWriter {
  private data: Uint8Array;
  private size = 0;

  constructor(initialCapacity = 128) {
    this.data = new Uint8Array(Math.max(16, initialCapacity));
  }

  u8(value: number): this {
    checkRange(value, 0xff, "u8");
    this.ensure(1);
    this.data[this.size++] = value;
    return this;
  }

  u16(value: number): this {
    checkRange(value, 0xffff, "u16");
    this.ensure(2);
    this.data[this.size++] = value >>> 8;
    this.data[this.size++] = value & 0xff;
    return this;
  }

  u32(value: number): this {
    checkRange(value, 0xffffffff, "u32");
    this.ensure(4);
    new DataView(this.data.buffer).setUint32(this.size, value);
    this.size += 4;
    return this;
  }

  /** A signed 64-bit integer, two's complement; `value` must be a safe integer. */
  i64(value: number): this {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`i64 out of the supported range: ${value}`);
    }
    this.ensure(8);
    new DataView(this.data.buffer).setBigInt64(this.size, BigInt(value));
    this.size += 8;
    return this;
  }

  /** A non-negative 64-bit integer (sizes, sequence numbers). */
  u64(value: number): this {
    if (value < 0) {
      throw new RangeError(`u64 must not be negative: ${value}`);
    }
    return this.i64(value);
  }

  bytes(value: Uint8Array): this {
    this.ensure(value.length);
    this.data.set(value, this.size);
    this.size += value.length;
    return this;
  }

  /** A `str`: u16 byte length and the UTF-8 bytes. */
  string(value: string): this {
    const encoded = utf8(value);
    this.u16(encoded.length);
    return this.bytes(encoded);
  }

  get length(): number {
    return this.size;
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array<ArrayBuffer> {
    return this.data.slice(0, this.size);
  }

  private ensure(more: number): void {
    if (this.size + more > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, this.size + more));
      grown.set(this.data.subarray(0, this.size));
      this.data = grown;
    }
  }
}

function checkRange(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} out of range: ${value}`);
  }
}

/** Reads what {@link ByteWriter} writes; damage becomes the error `malformed` makes. */
export class ByteReader {
  private position = 0;
  private readonly view: DataView;

  constructor(
    private readonly data: Uint8Array,
    private readonly malformedError: (message: string) => Error,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  u8(): number {
    this.need(1, "u8");
    return this.data[this.position++]!;
  }

  u16(): number {
    this.need(2, "u16");
    const value = this.view.getUint16(this.position);
    this.position += 2;
    return value;
  }

  u32(): number {
    this.need(4, "u32");
    const value = this.view.getUint32(this.position);
    this.position += 4;
    return value;
  }

  /** A u32 that must fit a positive Java `int` (versions, epochs, counts): below 2^31. */
  u32AsInt(what: string): number {
    const value = this.u32();
    if (value > 0x7fffffff) {
      throw this.malformed(`${what} out of range`);
    }
    return value;
  }

  /** A signed 64-bit integer; values beyond ±(2^53 - 1) are refused as damage. */
  i64(what = "i64"): number {
    this.need(8, what);
    const value = this.view.getBigInt64(this.position);
    this.position += 8;
    if (value > BigInt(MAX_SAFE) || value < -BigInt(MAX_SAFE)) {
      throw this.malformed(`${what} out of the supported range`);
    }
    return Number(value);
  }

  /** An unsigned 64-bit integer; 2^63 and above are damage (as in Java), and so is 2^53 and above. */
  u64(what: string): number {
    const value = this.i64(what);
    if (value < 0) {
      throw this.malformed(`${what} out of range`);
    }
    return value;
  }

  bytes(length: number, what: string): Uint8Array {
    this.need(length, what);
    const value = this.data.slice(this.position, this.position + length);
    this.position += length;
    return value;
  }

  /** A `str`; malformed UTF-8 is damage. */
  string(what: string): string {
    const length = this.u16();
    this.need(length, what);
    const value = decodeUtf8(this.data.subarray(this.position, this.position + length));
    if (value === undefined) {
      throw this.malformed(`${what} is not valid UTF-8`);
    }
    this.position += length;
    return value;
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.data.length - this.position;
  }

  /** Fails unless every byte was read. */
  end(what: string): void {
    if (this.position !== this.data.length) {
      throw this.malformed(`${what} has ${this.data.length - this.position} unexpected trailing bytes`);
    }
  }

  /** The error this reader raises for damage, for checks its caller makes. */
  malformed(message: string): Error {
    return this.malformedError(message);
  }

  private need(length: number, what: string): void {
    if (length < 0 || this.data.length - this.position < length) {
      throw this.malformed(`truncated: ${what} runs past the end`);
    }
  }
}
