package dev.secupass.core.guests;

import java.util.Locale;
import java.util.Objects;

/**
 * A one-time access code that protects a first contact: made by the sender's SDK for a guest
 * recipient who has no SecuPass yet, shown to the sender once, passed on by them out of band
 * (phone, SMS, in person, never in the invitation e-mail), and typed by the guest when choosing
 * their SecuPass. The guest's SDK binds the new public keys to it; the sender's SDK releases the
 * delivery only to keys whose binding verifies.
 *
 * <p>Twelve symbols of Crockford's base 32 (60 random bits), shown in three groups of four, for
 * example {@code 7KQ2-MZ4D-W9XH}. Parsing ignores case, spaces and hyphens and reads {@code O} as
 * {@code 0} and {@code I} or {@code L} as {@code 1}. See {@code docs/format.md}, "Access code".
 *
 * <p>A secret: {@code toString()} is redacted; {@link #reveal()} is for showing it to the sender.
 */
public final class AccessCode {
  /** The number of symbols. */
  public static final int LENGTH = 12;
  /** Crockford's base-32 alphabet, the value of each symbol its index. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private final String symbols;

  private AccessCode(String symbols) {
    this.symbols = symbols;
  }

  /**
   * Reads a code as typed.
   *
   * @throws IllegalArgumentException if it is not twelve base-32 symbols (the message does not
   *     repeat it)
   */
  public static AccessCode parse(CharSequence typed) {
    Objects.requireNonNull(typed, "typed");
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < typed.length(); i++) {
      char c = Character.toUpperCase(typed.charAt(i));
      if (c == '-' || c == ' ') {
        continue;
      }
      c = switch (c) {
        case 'O' -> '0';
        case 'I', 'L' -> '1';
        default -> c;
      };
      if (ALPHABET.indexOf(c) < 0 || out.length() == LENGTH) {
        throw new IllegalArgumentException("an access code is twelve letters and digits, like"
            + " 7KQ2-MZ4D-W9XH");
      }
      out.append(c);
    }
    if (out.length() != LENGTH) {
      throw new IllegalArgumentException("an access code is twelve letters and digits, like"
          + " 7KQ2-MZ4D-W9XH");
    }
    return new AccessCode(out.toString().toUpperCase(Locale.ROOT));
  }

  /** The code in three groups of four, to show to the sender. */
  public String reveal() {
    return symbols.substring(0, 4) + "-" + symbols.substring(4, 8) + "-" + symbols.substring(8);
  }

  @Override
  public String toString() {
    return "AccessCode[redacted]";
  }
}
