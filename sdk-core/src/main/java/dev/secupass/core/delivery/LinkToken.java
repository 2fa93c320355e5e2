package dev.secupass.core.delivery;

import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A capability in a link: the token of a level-1 delivery link (whoever holds it opens the
 * delivery) or of a guest's invitation. 256 random bits, written in links as 43 characters of
 * unpadded base64url. Stores keep only its {@linkplain #hash() hash}; the SDK compares hashes in
 * constant time.
 *
 * <p>A secret: no {@code equals}, and {@link #toString()} does not reveal it. {@link #reveal()} is
 * for putting it into the link the person receives, nothing else.
 */
public final class LinkToken {
  /** Random bytes in a token. */
  public static final int BYTES = 32;

  private static final int TEXT_LENGTH = 43;
  private static final byte[] HASH_LABEL = Labels.of("SecuPass link token v1");

  private final byte[] bytes;

  private LinkToken(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh token from {@code random}. */
  public static LinkToken generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new LinkToken(bytes);
  }

  /**
   * A token as it appears in a link.
   *
   * @throws IllegalArgumentException if it is not 43 characters of base64url (the message does not
   *     repeat the text)
   */
  public static LinkToken parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() != TEXT_LENGTH) {
      throw new IllegalArgumentException("a link token is " + TEXT_LENGTH
          + " characters of base64url, got " + text.length() + " characters");
    }
    try {
      return new LinkToken(Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a link token is " + TEXT_LENGTH
          + " characters of base64url; this one has other characters");
    }
  }

  /** The token as it goes into a link. Treat the result as the secret it is. */
  public String reveal() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What stores keep: SHA-256 of the label {@code "SecuPass link token v1"}, a zero byte and the
   * token's bytes. */
  public byte[] hash() {
    return Hashes.sha256(HASH_LABEL, bytes);
  }

  /** Whether this token's hash is {@code storedHash}, compared in constant time. */
  public boolean matches(byte[] storedHash) {
    return Hashes.constantTimeEquals(hash(), storedHash);
  }

  @Override
  public String toString() {
    return "LinkToken[redacted]";
  }
}
