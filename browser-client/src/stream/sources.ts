import { IntegrityError, SecuPassError } from "../errors.js";

/**
 * Random access to a stored content stream: its size and byte ranges of it. The size should come
 * from the signed manifest or entry, not from the server alone.
 */
export interface CiphertextSource {
  /** The stored size in bytes. */
  readonly size: number;
  /**
   * Exactly `length` bytes from `offset`. A source that cannot deliver them throws (a short read
   * is reported as truncation).
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A stream held in memory (reads are views of it, not copies). */
export function bytesSource(bytes: Uint8Array): CiphertextSource {
  return {
    size: bytes.length,
    async read(offset, length) {
      if (offset < 0 || offset + length > bytes.length) {
        throw new IntegrityError("content stream is truncated: a read runs past its end");
      }
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A stream in a `Blob` or `File` (a download kept in the browser, a file the user picked). */
export function blobSource(blob: Blob): CiphertextSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      if (bytes.length !== length) {
        throw new IntegrityError("content stream is truncated: a read runs past its end");
      }
      return bytes;
    },
  };
}

/** The server did not serve a byte range as asked (not a property of the content). */
export class RangeRequestError extends SecuPassError {
  override readonly javaName: string = "StorageException";
}

/** Options of {@link httpSource}. */
export interface HttpSourceOptions {
  /** The stored size from the signed manifest or entry; if absent, the server's `Content-Range`. */
  readonly size?: number;
  /** Headers sent with every request (for example an authorisation header). */
  readonly headers?: Record<string, string>;
  /** The fetch function (default: the global one; a Service Worker passes its own). */
  readonly fetch?: typeof fetch;
  /** `RequestInit` fields sent with every request (credentials, mode, signal, ...). */
  readonly init?: Omit<RequestInit, "headers" | "method">;
}

/**
 * A stream served over HTTP with byte ranges (`Range: bytes=a-b`, answered by `206 Partial
 * Content`). Every read is one request; a server that answers a range with the whole body (200)
 * is refused rather than downloaded.
 */
export async function httpSource(url: string, options: HttpSourceOptions = {}): Promise<CiphertextSource> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  async function get(offset: number, length: number): Promise<{ bytes: Uint8Array; total: number | undefined }> {
    const response = await doFetch(url, {
      ...options.init,
      method: "GET",
      headers: { ...options.headers, Range: `bytes=${offset}-${offset + length - 1}` },
    });
    if (response.status !== 206) {
      await response.body?.cancel();
      if (response.status === 416) {
        throw new IntegrityError("content stream is truncated: the server has fewer bytes than expected");
      }
      throw new RangeRequestError(`the server answered a range request with HTTP ${response.status}`);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("Content-Range") ?? "");
    if (range === null || Number(range[1]) !== offset) {
      await response.body?.cancel();
      throw new RangeRequestError("the server answered a range request with another range");
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length !== length) {
      throw new IntegrityError("content stream is truncated: a read runs past its end");
    }
    return { bytes, total: range[3] === "*" ? undefined : Number(range[3]) };
  }
  let size = options.size;
  if (size === undefined) {
    // One small ranged read to learn the size (what Content-Range reports).
    const first = await get(0, 1);
    if (first.total === undefined) {
      throw new RangeRequestError("the server did not report the stream's size");
    }
    size = first.total;
  }
  return { size, read: (offset, length) => get(offset, length).then((r) => r.bytes) };
}
