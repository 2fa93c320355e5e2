package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
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
   * Starts reading bytes {@code [start, end)} of the object described by {@code head}; the first
   * request is sent before this returns.
   *
   * @throws NotFoundException if the blob was deleted since {@code head} was read
   * @throws StorageException if the server failed
   */
  public static RangeInputStream open(
      Bucket bucket, BlobId id, ObjectHead head, long start, long end, TransferSettings settings) {
    RangeInputStream in = new RangeInputStream(bucket, id, head, start, end, settings);
    try {
      in.connect();
    } catch (StorageException e) {
      if (e.getCause() instanceof SdkException sdk && Failures.isNotFound(sdk)) {
        throw new NotFoundException("No blob " + id);
      }
      throw e;
    }
    return in;
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
