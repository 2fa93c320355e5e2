package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A blob of declared size sent as one PutObject while it is written: the request starts on the
 * store's executor at once, with the declared size as its {@code Content-Length}, and reads the
 * bytes from a {@link BytePipe} as the caller writes them. Memory stays at the pipe's capacity,
 * and the server stores the object once, without a multipart upload's parts.
 *
 * <p>The last byte is held back until {@link #commit()}: the server cannot store the object
 * before it has all {@code Content-Length} bytes, so nothing is visible before the commit, and an
 * abort (which breaks the stream instead) leaves nothing. (Servers that write an object in place
 * as its body arrives, such as s3rver, show it unfinished meanwhile; the checks below do not take
 * that for another writer's blob.) The commit takes the store's lock for the key, checks that no
 * other writer's blob appeared, then sends the last byte; the request is conditional
 * ({@code If-None-Match: *}) and carries the upload's marker, as in {@link MultipartBlobOutput}.
 *
 * <p>Retries: the client may resend the request as long as none of the body was read (an answer
 * that came before the body, such as 503 to {@code Expect: 100-continue}). Once bytes went out
 * they are gone from memory, so a failure after that fails the write with a retryable {@link
 * StorageException}, and nothing is visible.
 */
final class StreamedPutOutput extends S3BlobOutput {
  /** Bytes between the writer and the request: enough to keep both sides busy. */
  static final int PIPE_CAPACITY = 2 * 1024 * 1024;

  private final Bucket bucket;
  private final String key;
  private final long size;
  private final CommitLocks commitLocks;
  private final String marker;
  private final BytePipe pipe = new BytePipe(PIPE_CAPACITY);
  private final CompletableFuture<Void> upload;
  private final byte[] last = new byte[1];
  private final byte[] single = new byte[1];
  private long written;

  StreamedPutOutput(Bucket bucket, BlobId id, long size, TransferSettings settings,
      Executor executor, CommitLocks commitLocks, String marker) {
    super(id);
    if (size < 1) {
      throw new IllegalArgumentException("a streamed blob has at least one byte; got " + size);
    }
    this.bucket = bucket;
    this.key = bucket.key(id);
    this.size = size;
    this.commitLocks = commitLocks;
    this.marker = marker;
    RequestBody body = RequestBody.fromContentProvider(this::body, size, Bucket.CONTENT_TYPE);
    try {
      this.upload = CompletableFuture.runAsync(() -> {
        try {
          bucket.client().putObject(
              bucket.conditionalPut(id, marker, size, settings.checksums()), body);
        } finally {
          pipe.stop();
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The blob store is closed", e);
    }
  }

  @Override
  public void write(int b) {
    single[0] = (byte) b;
    write(single, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpen();
    if (len == 0) {
      return;
    }
    if (len > size - written) {
      abort();
      throw new IllegalStateException("Blob " + id + " was declared as " + size
          + " bytes; writing " + len + " more after " + written + " would exceed it");
    }
    int now = written + len == size ? len - 1 : len;
    boolean sent;
    try {
      sent = now == 0 || pipe.write(b, off, now);
    } catch (RuntimeException e) {
      throw failWith(e);
    }
    if (!sent) {
      throw failWith(uploadFailure());
    }
    if (now < len) {
      last[0] = b[off + now];
    }
    written += len;
  }

  @Override
  long complete() {
    if (written != size) {
      throw new IllegalStateException("Blob " + id + " was declared as " + size
          + " bytes but only " + written + " were written");
    }
    commitLocks.run(key, () -> {
      bucket.requireNoOtherBlob(id, marker, size);
      if (!pipe.write(last, 0, 1)) {
        throw uploadFailure();
      }
      pipe.end();
      try {
        upload.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof SdkException failure) {
          bucket.settleCommit(id, marker, failure);
        } else {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    });
    return size;
  }

  @Override
  void discard() {
    pipe.abort();
    // The request fails on the broken body; wait so that no thread still sends this blob.
    upload.handle((done, failure) -> null).join();
  }

  /**
   * The request body: the pipe, as long as none of it was sent by an earlier attempt. A resend
   * after that is refused with an I/O cause, so that the failure counts as transient: sending the
   * whole blob again may well succeed.
   */
  private InputStream body() {
    if (!pipe.unread()) {
      throw NonRetryableException.builder()
          .message("the request failed after part of the blob was sent")
          .cause(new IOException("a streamed blob is not sent again once part of it was sent"))
          .build();
    }
    return pipe.source();
  }

  /**
   * Why the request ended before the commit sent the last byte. This upload cannot have stored
   * anything, so a blob that exists now is another writer's: a conflict, whether the server said
   * so (412) or broke the connection instead of answering while the body was still coming.
   */
  private RuntimeException uploadFailure() {
    try {
      upload.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SdkException failure) {
        return bucket.streamRefusal(id, marker, size, failure);
      }
      return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return new StorageException(
        "Uploading blob " + id + " failed: the server answered before the whole blob was sent",
        false, null);
  }
}
