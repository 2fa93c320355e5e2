package dev.secupass.core.independent;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads the encodings of docs/format.md, "Conventions": big-endian integers, {@code u64} below
 * 2^63 (R3), counts and versions below 2^31 (R4), {@code str} as strict UTF-8, nothing past the
 * end (R2) and nothing left over (R1). Damage is reported with the format's own outcome.
 */
final class Cursor {
  private final byte[] data;
  private final Function<String, Rejected> damage;
  private int position;

  Cursor(byte[] data, Function<String, Rejected> damage) {
    this.data = data;
    this.damage = damage;
  }

  static Cursor integrity(byte[] data) {
    return new Cursor(data, Rejected::integrity);
  }

  int u8() {
    return bytes(1)[0] & 0xFF;
  }

  int u16() {
    byte[] b = bytes(2);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  long u32() {
    byte[] b = bytes(4);
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  /** A {@code u32} that counts versions, epochs or items: below 2^31. */
  int u31() {
    long value = u32();
    if (value >= 1L << 31) {
      throw damage.apply("u32 at or above 2^31");
    }
    return (int) value;
  }

  long i64() {
    return ByteBuffer.wrap(bytes(8)).getLong();
  }

  long u64() {
    long value = i64();
    if (value < 0) {
      throw damage.apply("u64 at or above 2^63");
    }
    return value;
  }

  byte[] bytes(int length) {
    if (length < 0 || data.length - position < length) {
      throw damage.apply("truncated");
    }
    byte[] out = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return out;
  }

  String str() {
    return utf8(bytes(u16()), damage);
  }

  /** Strict UTF-8: overlong forms, encoded surrogates and truncated sequences are damage. */
  static String utf8(byte[] bytes, Function<String, Rejected> damage) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw damage.apply("malformed UTF-8");
    }
  }

  int position() {
    return position;
  }

  int remaining() {
    return data.length - position;
  }

  void end() {
    if (position != data.length) {
      throw damage.apply("trailing bytes");
    }
  }

  Rejected damage(String message) {
    return damage.apply(message);
  }

  /**
   * The common prefix: magic and kind wrong, or fewer than six bytes, is damage; an unknown
   * version, then an unknown suite, is UnsupportedFormatException.
   */
  void prefix(char kind) {
    prefix(kind, 1);
  }

  /** The common prefix of {@code kind} in one of {@code versions}; returns the version. */
  int prefix(char kind, int... versions) {
    if (remaining() < 6) {
      throw damage.apply("shorter than the common prefix");
    }
    if (u8() != 'S' || u8() != 'P' || u8() != kind) {
      throw damage.apply("bad magic or kind");
    }
    int version = u8();
    if (java.util.Arrays.stream(versions).noneMatch(v -> v == version)) {
      throw Rejected.unsupported("version " + version);
    }
    int suite = u16();
    if (suite != 1) {
      throw Rejected.unsupported("suite " + suite);
    }
    return version;
  }
}
