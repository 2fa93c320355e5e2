package dev.secupass.atrest;

import dev.secupass.api.SecuPassException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link TinkKeysetFile} cannot give its key. The message names the file and what is wrong with
 * it; it never quotes the file's content.
 */
public final class KeysetFileException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the file. */
  public enum Reason {
    /** There is no such file (and it was not to be made). */
    MISSING,
    /** Others than its owner may read or write it. */
    READABLE_BY_OTHERS,
    /** It cannot be read, or not made where it was to be made. */
    UNREADABLE,
    /** It holds no Tink AEAD keyset in Tink's JSON format. */
    NOT_A_KEYSET
  }

  private final Reason reason;
  private final transient Path file;

  KeysetFileException(Reason reason, Path file, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = Objects.requireNonNull(file, "file");
  }

  /** What is wrong. */
  public Reason reason() {
    return reason;
  }

  /** The file. */
  public Path file() {
    return file;
  }
}
