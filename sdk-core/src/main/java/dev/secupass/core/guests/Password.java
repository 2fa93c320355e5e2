package dev.secupass.core.guests;

import dev.secupass.core.internal.keys.TypedSecrets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * A guest's sign-in password as typed (not their SecuPass). Kept as characters so {@link #close()}
 * can overwrite them; no {@code equals}, no revealing {@code toString}. Normalised to Unicode NFC
 * before hashing, like a SecuPass.
 */
public final class Password implements AutoCloseable {
  static {
    TypedSecrets.registerPasswords(Password::utf8);
  }

  /** The shortest password accepted at registration. */
  public static final int MIN_LENGTH = 10;
  /** The longest password accepted. */
  public static final int MAX_LENGTH = 1024;

  private final char[] chars;
  private volatile boolean wiped;

  private Password(char[] chars) {
    if (chars.length == 0 || chars.length > MAX_LENGTH) {
      throw new IllegalArgumentException("a password must be 1-" + MAX_LENGTH + " characters");
    }
    this.chars = chars;
  }

  /** A password from typed characters; they are copied, so wipe yours afterwards. */
  public static Password of(char[] chars) {
    return new Password(chars.clone());
  }

  /** A password from a string (which cannot be wiped; prefer {@link #of(char[])}). */
  public static Password of(CharSequence text) {
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = text.charAt(i);
    }
    return new Password(chars);
  }

  /** How many characters it has. */
  public int length() {
    return chars.length;
  }

  /** Overwrites the characters; using the password afterwards fails. */
  @Override
  public void close() {
    wiped = true;
    Arrays.fill(chars, '\0');
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }

  /** NFC-normalised UTF-8, in a new array the caller wipes. */
  @SuppressWarnings("ByteBufferBackingArray") // CharsetEncoder.encode returns a fresh heap
  // buffer whose content starts at offset 0; its whole backing array is wiped
  private byte[] utf8() {
    if (wiped) {
      throw new IllegalStateException("the password was closed and wiped");
    }
    CharBuffer text = CharBuffer.wrap(chars);
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      text = CharBuffer.wrap(Normalizer.normalize(text, Normalizer.Form.NFC));
    }
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(text);
      byte[] out = Arrays.copyOf(encoded.array(), encoded.limit());
      Arrays.fill(encoded.array(), (byte) 0);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password contains invalid characters");
    }
  }
}
