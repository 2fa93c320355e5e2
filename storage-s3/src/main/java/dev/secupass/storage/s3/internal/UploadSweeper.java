package dev.secupass.storage.s3.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
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
   * more than {@code olderThan} ago. One upload that cannot be aborted does not stop the others.
   *
   * @return how many uploads were aborted
   * @throws dev.secupass.api.StorageException if listing failed, or (after trying all the
   *     others) aborting one failed
   */
  public int abortOlderThan(Duration olderThan) {
    Instant cutoff = clock.instant().minus(olderThan);
    int aborted = 0;
    int failed = 0;
    @Nullable SdkException firstFailure = null;
    try {
      for (MultipartUpload upload : bucket.client()
          .listMultipartUploadsPaginator(r -> r.bucket(bucket.name()).prefix(bucket.keys().prefix()))
          .uploads()) {
        if (!isOld(upload, cutoff)) {
          continue;
        }
        try {
          bucket.client().abortMultipartUpload(
              r -> r.bucket(bucket.name()).key(upload.key()).uploadId(upload.uploadId()));
          aborted++;
        } catch (SdkException e) {
          if (!Failures.isNotFound(e)) {
            failed++;
            firstFailure = firstFailure == null ? e : firstFailure;
          }
        }
      }
    } catch (SdkException e) {
      throw Failures.storage("Listing the incomplete uploads in bucket " + bucket.name(), e);
    }
    if (firstFailure != null) {
      throw Failures.storage("Aborting " + failed + " old uploads in bucket " + bucket.name()
          + " (" + aborted + " aborted)", firstFailure);
    }
    return aborted;
  }

  private boolean isOld(MultipartUpload upload, Instant cutoff) {
    return bucket.keys().isBlobKey(upload.key())
        && upload.initiated() != null
        && upload.initiated().isBefore(cutoff);
  }
}
