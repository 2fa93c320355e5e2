package dev.secupass.api;

import java.util.Objects;

/**
 * Identifies a person: an employee or partner known to the host, or a guest the SDK created. The
 * host chooses the value (its own user key, an e-mail address, a UUID); it is 1-200 characters
 * (UTF-16 code units) of well-formed Unicode text (no unpaired surrogate, so it has exactly one UTF-8
 * encoding), with no control characters and no leading or trailing white space ({@link
 * String#strip()}). {@code docs/format.md} ("Identifiers") states the same rule in bytes.
 *
 * @param value the identifier
 */
public record UserId(String value) implements Comparable<UserId> {
  /** The longest identifier accepted. */
  public static final int MAX_LENGTH = 200;

  public UserId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("UserId must be 1-" + MAX_LENGTH + " characters");
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException("UserId must not start or end with white space");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("UserId must not contain control characters");
    }
    if (value.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE
        && c <= Character.MAX_SURROGATE)) {
      throw new IllegalArgumentException("UserId must not contain an unpaired surrogate");
    }
  }

  /** Same as the constructor. */
  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public int compareTo(UserId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
