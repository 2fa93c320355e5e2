/**
 * Cuts a stream of chunks of any size into whole pieces of `size` bytes, one buffer of memory:
 * a chunk that holds a whole piece while nothing is buffered is passed on without a copy. The
 * encryptor cuts plaintext into segments with it and the push decryptor ciphertext. A whole piece
 * is never the final one (the format's last segment is shorter), so each is handed on at once.
 */
export class Segmenter {
  private readonly buffer: Uint8Array;
  private buffered = 0;

  constructor(
    readonly size: number,
    private readonly whole: (piece: Uint8Array) => Promise<Uint8Array>,
  ) {
    this.buffer = new Uint8Array(size);
  }

  /** Adds `chunk`; returns what `whole` returned for each piece it completed. */
  async push(chunk: Uint8Array): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.buffered === 0 && chunk.length - offset >= this.size) {
        out.push(await this.whole(chunk.subarray(offset, offset + this.size)));
        offset += this.size;
        continue;
      }
      const n = Math.min(this.size - this.buffered, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + n), this.buffered);
      this.buffered += n;
      offset += n;
      if (this.buffered === this.size) {
        out.push(await this.whole(this.buffer));
        this.buffered = 0;
      }
    }
    return out;
  }

  /** The bytes after the last whole piece (a view of the buffer). */
  rest(): Uint8Array {
    return this.buffer.subarray(0, this.buffered);
  }

  /** Overwrites the buffer. */
  wipe(): void {
    this.buffer.fill(0);
  }
}
