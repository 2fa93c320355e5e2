package dev.secupass.storage.s3.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts the incomplete multipart uploads a crashed or killed writer left behind. They are never
 * visible as blobs, but S3 keeps (and bills) their parts until they are aborted.
 */
public final class UploadSweeper {
  private final Bucket bucket;
  private final Clock clock;

  public UploadSweeper(Bucket bucket, Clock clock) {
    this.bucket = bucket;
    this.clock = clock;
  }

  /**
   * Aborts this store's incomplete uploads (keys under its prefix that name a blob) initiated
   * more than {@code olderThan} ago.
   *
   * @return how many uploads were aborted
   * @throws dev.secupass.api.StorageException if listing or aborting failed
   */
  public int abortOlderThan(Duration olderThan) {
    Instant cutoff = clock.instant().minus(olderThan);
    int aborted = 0;
    try {
      for (MultipartUpload upload : bucket.client()
          .listMultipartUploadsPaginator(r -> r.bucket(bucket.name()).prefix(bucket.keys().prefix()))
          .uploads()) {
        if (bucket.keys().isBlobKey(upload.key()) && upload.initiated() != null
            && upload.initiated().isBefore(cutoff) && abort(upload)) {
          aborted++;
        }
      }
    } catch (SdkException e) {
      throw Failures.storage("Sweeping incomplete uploads in bucket " + bucket.name(), e);
    }
    return aborted;
  }

  /** Aborts one upload; {@code false} if it was gone already (completed or aborted meanwhile). */
  private boolean abort(MultipartUpload upload) {
    try {
      bucket.client().abortMultipartUpload(
          r -> r.bucket(bucket.name()).key(upload.key()).uploadId(upload.uploadId()));
      return true;
    } catch (SdkException e) {
      if (Failures.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }
}
