package dev.secupass.core.internal.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads the encodings {@link ByteWriter} writes. Every read is bounds-checked; running past the end,
 * invalid UTF-8 or trailing bytes raise the exception {@code malformed} makes, so each format
 * reports damage with its own typed exception.
 */
public final class ByteReader {
  private final byte[] data;
  private final Function<String, ? extends RuntimeException> malformed;
  private int position;

  public ByteReader(byte[] data, Function<String, ? extends RuntimeException> malformed) {
    this.data = data;
    this.malformed = malformed;
  }

  public int u8() {
    need(1, "u8");
    return data[position++] & 0xFF;
  }

  public int u16() {
    need(2, "u16");
    int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return value;
  }

  public long u32() {
    need(4, "u32");
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (data[position++] & 0xFF);
    }
    return value;
  }

  /** A {@code u32} that must fit a positive {@code int} (versions, epochs, counts). */
  public int u32AsInt(String what) {
    long value = u32();
    if (value > Integer.MAX_VALUE) {
      throw malformed.apply(what + " out of range");
    }
    return (int) value;
  }

  public long i64() {
    need(8, "i64");
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (data[position++] & 0xFF);
    }
    return value;
  }

  public long u64(String what) {
    long value = i64();
    if (value < 0) {
      throw malformed.apply(what + " out of range");
    }
    return value;
  }

  public byte[] bytes(int length, String what) {
    need(length, what);
    byte[] value = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return value;
  }

  /** A {@code u16}-length-prefixed UTF-8 string; malformed UTF-8 is rejected. */
  public String string(String what) {
    int length = u16();
    need(length, what);
    try {
      String value = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, position, length))
          .toString();
      position += length;
      return value;
    } catch (CharacterCodingException e) {
      throw malformed.apply(what + " is not valid UTF-8");
    }
  }

  /** Bytes read so far. */
  public int position() {
    return position;
  }

  public int remaining() {
    return data.length - position;
  }

  /** Fails unless every byte was read. */
  public void end(String what) {
    if (position != data.length) {
      throw malformed.apply(what + " has " + (data.length - position) + " unexpected trailing bytes");
    }
  }

  /** The exception this reader raises for damage, for checks its caller makes. */
  public RuntimeException malformed(String message) {
    return malformed.apply(message);
  }

  private void need(int length, String what) {
    if (length < 0 || data.length - position < length) {
      throw malformed.apply("truncated: " + what + " runs past the end");
    }
  }
}
