package dev.secupass.api;

/**
 * The generation of a user's SecuPass key pair: 1 at first activation, one more at each reset.
 * Changing a SecuPass keeps the version.
 *
 * @param value 1 or more
 */
public record KeyVersion(int value) implements Comparable<KeyVersion> {
  /** The version of a first activation. */
  public static final KeyVersion FIRST = new KeyVersion(1);

  public KeyVersion {
    if (value < 1) {
      throw new IllegalArgumentException("KeyVersion must be 1 or more, got " + value);
    }
  }

  public static KeyVersion of(int value) {
    return new KeyVersion(value);
  }

  /** The version a reset creates. */
  public KeyVersion next() {
    return new KeyVersion(Math.addExact(value, 1));
  }

  @Override
  public int compareTo(KeyVersion other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return "v" + value;
  }
}
