package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The names people give rooms, folders and files: checked before sealing, decoded after. */
public final class Names {
  /** The longest name, in characters. */
  public static final int MAX_LENGTH = 255;

  private Names() {}

  /**
   * Returns {@code name} if it is 1-255 characters, not blank, and has no control characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String check(String name, String what) {
    if (name.isBlank() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1-" + MAX_LENGTH
          + " characters and not blank");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must not contain control characters");
    }
    return name;
  }

  /** Decodes a name after opening its seal; invalid UTF-8 is damage. */
  static String decode(byte[] utf8, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IntegrityException(what + " is not valid UTF-8");
    }
  }
}
