package dev.secupass.api;

/**
 * A key log witness last cosigned another tree size of the log than the caller said (C2SP
 * {@code tlog-witness}, a 409 answer): ask again with a consistency proof from {@link
 * #knownSize()}.
 */
public class WitnessConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final long knownSize;

  public WitnessConflictException(long knownSize) {
    super("the witness last cosigned the key log at size " + knownSize);
    this.knownSize = knownSize;
  }

  /** The size of the last checkpoint the witness cosigned. */
  public long knownSize() {
    return knownSize;
  }
}
