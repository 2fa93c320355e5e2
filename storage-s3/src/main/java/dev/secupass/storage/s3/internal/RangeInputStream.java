package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Streams bytes {@code [position, end)} of one committed object and never hands out a wrong or
 * missing byte quietly:
 *
 * <ul>
 *   <li>every response must be the object seen when the read began ({@code If-Match} its ETag,
 *       and the ETag is checked again) with exactly the requested range and length;
 *   <li>a response cut short (a dropped connection, fewer bytes than announced) is resumed from
 *       the first missing byte, up to {@code maxAttempts} times in a row with backoff, and
 *       otherwise fails with an {@link IOException} instead of ending early;
 *   <li>a whole-object read asks for the stored checksum, which the SDK verifies at the end of
 *       the stream.
 * </ul>
 *
 * Failures thrown from the stream are {@link IOException}s whose cause is a {@link
 * StorageException}.
 */
public final class RangeInputStream extends InputStream {
  private static final long BACKOFF_BASE_MILLIS = 50;
  private static final long BACKOFF_CAP_MILLIS = 2_000;
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  private final Bucket bucket;
  private final BlobId id;
  private final ObjectHead head;
  private final long end;
  private final TransferSettings settings;

  private long position;
  private @Nullable ResponseInputStream<GetObjectResponse> body;
  private int failures;
  private boolean closed;

  private RangeInputStream(
      Bucket bucket, BlobId id, ObjectHead head, long start, long end, TransferSettings settings) {
    this.bucket = bucket;
    this.id = id;
    this.head = head;
    this.position = start;
    this.end = end;
    this.settings = settings;
  }

  /**
   * Starts reading {@code length} bytes of blob {@code id} from {@code offset} (fewer if the blob
   * ends first). The first GET is sent before this returns, without a HEAD before it: its answer
   * gives the object's size and ETag, and later requests (resumes) are pinned to that ETag. A read
   * of 0 bytes, a range the server refuses (416, beyond the end), and an answer that does not fit
   * the request fall back to a HEAD and an exact range.
   *
   * @throws NotFoundException if there is no such blob
   * @throws IllegalArgumentException if {@code offset} is beyond the blob's end
   * @throws StorageException if the server failed
   */
  public static InputStream open(
      Bucket bucket, BlobId id, long offset, long length, TransferSettings settings) {
    if (length == 0) {
      return afterHead(bucket, id, offset, 0, settings);
    }
    boolean whole = offset == 0 && length == Long.MAX_VALUE;
    GetObjectRequest.Builder request = GetObjectRequest.builder()
        .bucket(bucket.name())
        .key(bucket.key(id));
    if (whole) {
      if (settings.checksums()) {
        request.checksumMode(ChecksumMode.ENABLED);
      }
    } else if (length > Long.MAX_VALUE - offset) {
      request.range("bytes=" + offset + "-");
    } else {
      request.range("bytes=" + offset + "-" + (offset + length - 1));
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = bucket.client().getObject(request.build());
    } catch (SdkException e) {
      if (Failures.isNotFound(e)) {
        throw new NotFoundException("No blob " + id);
      }
      if (Failures.status(e) == 416) {
        return afterHead(bucket, id, offset, length, settings);
      }
      throw Failures.storage("Reading blob " + id, e);
    }
    GetObjectResponse response = in.response();
    long size = sizeOf(response, offset, length);
    if (size < 0 || response.eTag() == null) {
      // Not the answer asked for (S3Proxy 3.3, for one, answers a range ending at
      // Long.MAX_VALUE with that end and length): start again from the object's metadata and an
      // exact range.
      in.abort();
      return afterHead(bucket, id, offset, length, settings);
    }
    long end = length >= size - offset ? size : offset + length;
    RangeInputStream stream = new RangeInputStream(bucket, id,
        new ObjectHead(size, ObjectHead.unquote(response.eTag()), null), offset, end, settings);
    stream.accept(in, whole || (offset == 0 && response.contentRange() == null));
    return stream;
  }

  /** A read that learns the size and ETag from a HEAD first and then asks for exactly its bytes. */
  private static InputStream afterHead(
      Bucket bucket, BlobId id, long offset, long length, TransferSettings settings) {
    ObjectHead head = bucket.head(id).orElseThrow(() -> new NotFoundException("No blob " + id));
    if (offset > head.size()) {
      throw new IllegalArgumentException(
          "offset " + offset + " is beyond the end of blob " + id + " (" + head.size() + " bytes)");
    }
    long end = length >= head.size() - offset ? head.size() : offset + length;
    if (end == offset) {
      return InputStream.nullInputStream();
    }
    RangeInputStream stream = new RangeInputStream(bucket, id, head, offset, end, settings);
    try {
      stream.connect();
    } catch (StorageException e) {
      if (e.getCause() instanceof SdkException sdk && Failures.isNotFound(sdk)) {
        throw new NotFoundException("No blob " + id);
      }
      throw e;
    }
    return stream;
  }

  /**
   * The object's size from the first response: its length for a whole object (200), the total
   * of its {@code Content-Range} for a range (206); -1 if the answer does not fit the request.
   */
  private static long sizeOf(GetObjectResponse response, long offset, long length) {
    String range = response.contentRange();
    Long contentLength = response.contentLength();
    if (contentLength == null) {
      return -1;
    }
    if (range == null) {
      // The whole object: asked for, or a server that answers a range covering it with 200.
      return offset == 0 && contentLength <= length ? contentLength : -1;
    }
    Matcher m = CONTENT_RANGE.matcher(range);
    if (!m.matches()) {
      return -1;
    }
    long first = Long.parseLong(m.group(1));
    long last = Long.parseLong(m.group(2));
    long total = Long.parseLong(m.group(3));
    long end = length >= total - offset ? total : offset + length;
    boolean fits = first == offset && last == end - 1 && contentLength == end - offset;
    return fits ? total : -1;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("The stream of blob " + id + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (position == end) {
      finish();
      return -1;
    }
    while (true) {
      try {
        if (body == null) {
          connect();
        }
        int n = Objects.requireNonNull(body).read(b, off, (int) Math.min(len, end - position));
        if (n < 0) {
          throw new EOFException("The response ended " + (end - position) + " bytes early");
        }
        position += n;
        failures = 0;
        return n;
      } catch (IOException | SdkException | StorageException e) {
        discard();
        failures++;
        StorageException failure = asStorage(e);
        if (!failure.retryable() || failures >= settings.maxAttempts()) {
          throw new IOException("Reading blob " + id + " failed at byte " + position, failure);
        }
        pause(failures);
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long skipped = Math.min(n, end - position);
    discard();
    position += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    ResponseInputStream<GetObjectResponse> in = body;
    return in == null || closed ? 0 : (int) Math.min(in.available(), end - position);
  }

  @Override
  public void close() {
    closed = true;
    discard();
  }

  private void connect() {
    boolean whole = position == 0 && end == head.size();
    GetObjectRequest.Builder request = GetObjectRequest.builder()
        .bucket(bucket.name())
        .key(bucket.key(id))
        .ifMatch("\"" + head.eTag() + "\"");
    if (!whole) {
      request.range("bytes=" + position + "-" + (end - 1));
    } else if (settings.checksums()) {
      request.checksumMode(ChecksumMode.ENABLED);
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = bucket.client().getObject(request.build());
    } catch (SdkException e) {
      if (Failures.isPreconditionFailed(e)) {
        throw new StorageException("Blob " + id + " was replaced while being read", false, e);
      }
      throw Failures.storage("Reading blob " + id, e);
    }
    accept(in, whole);
  }

  /** Takes {@code in} as the body to read from, if it is the requested part of the object. */
  private void accept(ResponseInputStream<GetObjectResponse> in, boolean whole) {
    String mismatch = mismatch(in.response(), whole);
    if (mismatch != null) {
      in.abort();
      throw new StorageException("The server answered a read of blob " + id + " with " + mismatch,
          false, null);
    }
    body = in;
  }

  /** What is wrong with a response, or {@code null} if it is the requested part of the object. */
  private @Nullable String mismatch(GetObjectResponse response, boolean whole) {
    long expected = end - position;
    if (response.contentLength() == null || response.contentLength() != expected) {
      return response.contentLength() + " bytes instead of " + expected;
    }
    if (response.eTag() == null || !head.eTag().equals(ObjectHead.unquote(response.eTag()))) {
      return "another object version";
    }
    String range = "bytes " + position + "-" + (end - 1) + "/" + head.size();
    if (!whole && !range.equals(response.contentRange())) {
      return "range " + response.contentRange() + " instead of " + range;
    }
    return null;
  }

  /** Reads the end of the response, which lets the SDK verify a whole-object checksum. */
  private void finish() throws IOException {
    ResponseInputStream<GetObjectResponse> in = body;
    if (in == null) {
      return;
    }
    try {
      if (in.read() != -1) {
        throw new IOException("The server sent more bytes than it announced");
      }
    } catch (IOException | SdkException e) {
      discard();
      throw new IOException("Verifying the end of blob " + id + " failed",
          new StorageException("Reading blob " + id + " failed at its end", false, e));
    }
    body = null;
    in.close();
  }

  private void discard() {
    ResponseInputStream<GetObjectResponse> in = body;
    body = null;
    if (in != null) {
      in.abort();
      try {
        in.close();
      } catch (IOException | SdkException ignored) {
        // The connection is aborted; there is nothing left to release.
      }
    }
  }

  private StorageException asStorage(Exception e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    if (e instanceof SdkException sdk) {
      return Failures.storage("Reading blob " + id, sdk);
    }
    return new StorageException("Reading blob " + id + " was interrupted: "
        + e.getClass().getSimpleName(), true, e);
  }

  private static void pause(int attempt) throws InterruptedIOException {
    long millis = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while resuming a read");
    }
  }
}
