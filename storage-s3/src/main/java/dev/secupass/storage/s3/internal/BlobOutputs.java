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
    byte[] marker = new byte[16];
    random.nextBytes(marker);
    return new MultipartBlobOutput(bucket, id, settings, executor, commitLocks,
        HexFormat.of().formatHex(marker));
  }
}
