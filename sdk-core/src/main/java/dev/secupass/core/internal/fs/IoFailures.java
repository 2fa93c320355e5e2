package dev.secupass.core.internal.fs;

import dev.secupass.api.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;

/** Translates file-system failures into the SPI's {@link StorageException}. */
public final class IoFailures {
  private IoFailures() {}

  /**
   * The storage failure for {@code cause}: retryable unless the file system refused access, which
   * trying again will not change.
   */
  public static StorageException storage(String what, IOException cause) {
    return new StorageException(
        "file-system blob store: " + what + " failed", !(cause instanceof AccessDeniedException),
        cause);
  }

  /** For failures inside a returned stream: an {@link IOException} whose cause says what. */
  static IOException inStream(String what, IOException cause) {
    StorageException failure = storage(what, cause);
    return new IOException(failure.getMessage(), failure);
  }
}
