package dev.secupass.core.keys;

import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.keys.TypedSecrets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * A SecuPass as typed: the passphrase that protects a user's private keys. It is kept as characters
 * so it can be wiped; {@link #close()} overwrites them. It has no {@code equals} and no revealing
 * {@code toString}.
 *
 * <p>Before key derivation the characters are normalised to Unicode NFC and encoded as UTF-8, so
 * the same passphrase typed on systems that compose accents differently opens the same keys. (A
 * passphrase that is not already in NFC passes through one immutable {@code String} during
 * normalisation, which cannot be wiped.)
 */
public final class SecuPass implements AutoCloseable {
  static {
    TypedSecrets.registerSecuPasses(SecuPass::normalizedUtf8);
  }

  private final char[] chars;
  private volatile boolean wiped;

  private SecuPass(char[] chars) {
    if (chars.length == 0) {
      throw new IllegalArgumentException("a SecuPass must not be empty");
    }
    this.chars = chars;
  }

  /** A SecuPass from typed characters; they are copied, so wipe yours afterwards. */
  public static SecuPass of(char[] chars) {
    return new SecuPass(chars.clone());
  }

  /**
   * A SecuPass from a string. Strings cannot be wiped; prefer {@link #of(char[])} where the host
   * has the characters in an array.
   */
  public static SecuPass of(CharSequence text) {
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = text.charAt(i);
    }
    return new SecuPass(chars);
  }

  /** Overwrites the characters; using the SecuPass afterwards fails. */
  @Override
  public void close() {
    wiped = true;
    Wipe.chars(chars);
  }

  /** NFC-normalised UTF-8 bytes, in a new array the caller wipes. */
  @SuppressWarnings("ByteBufferBackingArray") // CharsetEncoder.encode returns a fresh heap
  // buffer whose content starts at offset 0; its whole backing array is wiped
  private byte[] normalizedUtf8() {
    if (wiped) {
      throw new IllegalStateException("the SecuPass was closed and wiped");
    }
    CharBuffer input = CharBuffer.wrap(chars);
    if (!Normalizer.isNormalized(input, Normalizer.Form.NFC)) {
      input = CharBuffer.wrap(Normalizer.normalize(input, Normalizer.Form.NFC));
    }
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded;
    try {
      encoded = encoder.encode(input);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the SecuPass contains invalid characters"
          + " (unpaired surrogates)");
    }
    byte[] out = Arrays.copyOf(encoded.array(), encoded.limit());
    Wipe.bytes(encoded.array());
    return out;
  }
}
