package dev.secupass.storage.s3;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import dev.secupass.storage.s3.internal.Bucket;
import dev.secupass.storage.s3.internal.BlobOutputs;
import dev.secupass.storage.s3.internal.RangeInputStream;
import dev.secupass.storage.s3.internal.TransferSettings;
import dev.secupass.storage.s3.internal.UploadSweeper;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link BlobStore} on Amazon S3 or an S3-compatible service. Each blob is one object, at
 * {@code keyPrefix + blobId}.
 *
 * <ul>
 *   <li><b>Writes</b> stream through a multipart upload, {@code partSize} bytes per part with at
 *       most {@code partsInFlight} parts on the wire, so an upload holds at most {@code partSize
 *       * (partsInFlight + 1)} bytes of memory whatever the blob's size. A blob that fits one
 *       part is sent with one PutObject. Nothing is visible before {@link BlobOutput#commit()};
 *       the commit is conditional ({@code If-None-Match: *}) and never replaces a blob. Closing
 *       without a commit, or any failure, aborts the upload. The largest blob is 10,000 parts.
 *       A blob whose size is declared ({@link #create(BlobId, long)}) up to {@code
 *       singlePutLimit} is streamed as one PutObject instead.
 *   <li><b>Reads</b> are one GET, whose answer gives the object's size and ETag; a response cut
 *       short is resumed from the first missing byte with ranged GETs pinned to that ETag, and
 *       otherwise fails, never ending early.
 *   <li><b>Retries</b>: the client retries throttling, 5xx, timeouts and dropped connections with
 *       backoff; a commit whose response was lost is recognised by a random marker the upload
 *       writes into the object's metadata, so a retry never reports a false conflict.
 * </ul>
 *
 * <p>Safe for concurrent use. {@link #close()} stops the upload threads and closes the client if
 * the store built it. Build one with {@link #builder()}.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Bucket bucket;
  private final TransferSettings transfers;
  private final @Nullable S3Client ownedClient;
  private final UploadSweeper sweeper;
  private final ExecutorService uploads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "secupass-s3-upload-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  private final BlobOutputs outputs;

  S3BlobStore(Bucket bucket, TransferSettings transfers, @Nullable S3Client ownedClient,
      SecureRandom random, Clock clock) {
    this.bucket = bucket;
    this.transfers = transfers;
    this.ownedClient = ownedClient;
    this.sweeper = new UploadSweeper(bucket, clock);
    this.outputs = new BlobOutputs(bucket, transfers, uploads, random);
  }

  /** A builder; {@link S3BlobStoreBuilder#bucket(String)} is required. */
  public static S3BlobStoreBuilder builder() {
    return new S3BlobStoreBuilder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends nothing yet: whether the id is free is checked on commit (a HEAD under the store's
   * lock for the key, and the conditional request itself), which saves a round trip per blob.
   */
  @Override
  public BlobOutput create(BlobId id) {
    Objects.requireNonNull(id, "id");
    return outputs.create(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob larger than one part and at most {@code singlePutLimit} bytes goes out as one
   * PutObject streamed while it is written (memory: a 2 MiB pipe), which the server stores once;
   * others as with {@link #create(BlobId)}. A streamed PutObject is retried only while none of
   * its body was sent; a failure after that fails the write (retryably), with nothing visible.
   * Its request is open from here to the commit: write without long pauses (servers drop a request
   * body that stalls; AWS after about 20 s, this store after 2 minutes) and commit right after the
   * last byte.
   */
  @Override
  public BlobOutput create(BlobId id, long size) {
    Objects.requireNonNull(id, "id");
    if (!transfers.streams(size)) {
      return BlobStore.super.create(id, size);
    }
    return outputs.createStreamed(id, size);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    Objects.requireNonNull(id, "id");
    return bucket.head(id).map(head -> new BlobInfo(id, head.size()));
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    Objects.requireNonNull(id, "id");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative; got offset "
          + offset + ", length " + length);
    }
    return RangeInputStream.open(bucket, id, offset, length, transfers);
  }

  @Override
  public boolean delete(BlobId id) {
    Objects.requireNonNull(id, "id");
    if (bucket.head(id).isEmpty()) {
      return false;
    }
    bucket.delete(id);
    return true;
  }

  /**
   * Aborts this store's incomplete multipart uploads (under its key prefix) initiated more than
   * {@code olderThan} ago, as a crashed writer leaves them: invisible, but S3 keeps and bills
   * their parts. Choose an age well above the longest upload, since a running upload that is
   * swept fails on commit. Runs from any one process at a time; a bucket lifecycle rule
   * ({@code AbortIncompleteMultipartUpload}) does the same on AWS.
   *
   * @return how many uploads were aborted
   * @throws IllegalArgumentException if {@code olderThan} is negative
   * @throws dev.secupass.api.StorageException if the server failed
   */
  public int abortIncompleteUploads(Duration olderThan) {
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative; got " + olderThan);
    }
    return sweeper.abortOlderThan(olderThan);
  }

  /**
   * Stops the upload threads (interrupting the uploads still running, which then fail with
   * nothing visible) and closes the client if this store built it.
   */
  @Override
  public void close() {
    uploads.shutdownNow();
    if (ownedClient != null) {
      ownedClient.close();
    }
  }

  @Override
  public String toString() {
    return "S3BlobStore[bucket=" + bucket.name() + ", keyPrefix=" + bucket.keys().prefix() + "]";
  }
}
