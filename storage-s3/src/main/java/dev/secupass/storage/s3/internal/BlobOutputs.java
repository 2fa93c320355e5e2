package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executor;

/**
 * Makes the outputs of one store: they share its upload threads and its commit locks, and each
 * gets a fresh random upload marker.
 */
public final class BlobOutputs {
  private final Bucket bucket;
  private final TransferSettings settings;
  private final Executor executor;
  private final SecureRandom random;
  private final CommitLocks commitLocks = new CommitLocks();

  public BlobOutputs(
      Bucket bucket, TransferSettings settings, Executor executor, SecureRandom random) {
    this.bucket = bucket;
    this.settings = settings;
    this.executor = executor;
    this.random = random;
  }

  /** A new output for {@code id}; nothing is sent before the first part is full. */
  public BlobOutput create(BlobId id) {
    return new MultipartBlobOutput(bucket, id, settings, executor, commitLocks, marker());
  }

  /**
   * A new output for {@code id} of exactly {@code size} bytes, sent as one PutObject while it is
   * written; for sizes {@link TransferSettings#streams(long)} accepts.
   */
  public BlobOutput createStreamed(BlobId id, long size) {
    return new StreamedPutOutput(bucket, id, size, settings, executor, commitLocks, marker());
  }

  private String marker() {
    byte[] marker = new byte[16];
    random.nextBytes(marker);
    return HexFormat.of().formatHex(marker);
  }
}
