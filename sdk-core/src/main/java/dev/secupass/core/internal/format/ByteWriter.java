package dev.secupass.core.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the big-endian binary encodings of {@code docs/format.md}: unsigned integers of 1, 2, 4 and
 * 8 bytes, raw bytes, and length-prefixed UTF-8 strings ({@code u16} length, then the bytes).
 */
public final class ByteWriter {
  private byte[] buffer;
  private int size;

  public ByteWriter() {
    this(128);
  }

  public ByteWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public ByteWriter u8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("u8 out of range: " + value);
    }
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  public ByteWriter u16(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + value);
    }
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  public ByteWriter u32(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + value);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** A signed 64-bit integer, two's complement. */
  public ByteWriter i64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** A non-negative 64-bit integer (sizes). */
  public ByteWriter u64(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("u64 must not be negative: " + value);
    }
    return i64(value);
  }

  public ByteWriter bytes(byte[] value) {
    return bytes(value, 0, value.length);
  }

  public ByteWriter bytes(byte[] value, int offset, int length) {
    ensure(length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** A string as {@code u16} byte length and UTF-8 bytes. */
  public ByteWriter string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    u16(utf8.length);
    return bytes(utf8);
  }

  /** Bytes written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
