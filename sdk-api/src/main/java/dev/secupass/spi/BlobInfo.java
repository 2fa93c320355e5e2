package dev.secupass.spi;

import dev.secupass.api.BlobId;
import java.util.Objects;

/**
 * A committed blob.
 *
 * @param id the blob
 * @param size its length in bytes
 */
public record BlobInfo(BlobId id, long size) {
  public BlobInfo {
    Objects.requireNonNull(id, "id");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
