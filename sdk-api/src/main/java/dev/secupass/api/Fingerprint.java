package dev.secupass.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A human-comparable fingerprint of a user's public keys: groups of five decimal digits separated
 * by single spaces, for example {@code "12345 67890 13579 24680 11223 34455"}. Two people read it to
 * each other out of band; equal fingerprints mean equal public keys.
 *
 * @param digits the digit groups
 */
public record Fingerprint(String digits) {
  private static final Pattern FORMAT = Pattern.compile("[0-9]{5}( [0-9]{5}){3,15}");

  public Fingerprint {
    Objects.requireNonNull(digits, "digits");
    if (!FORMAT.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "Fingerprint must be 4-16 groups of five digits separated by single spaces");
    }
  }

  public static Fingerprint of(String digits) {
    return new Fingerprint(digits);
  }

  @Override
  public String toString() {
    return digits;
  }
}
