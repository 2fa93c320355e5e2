package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.UnsupportedFormatException;
import java.util.Arrays;

/**
 * The version byte that starts each sealed data-room field (room name, entry metadata, wrapped file
 * key) before the content-stream ciphertext ({@code docs/format.md}, "Room sealed fields"): 1 for
 * every field of version 1, 2 for signed entry metadata ({@code docs/format.md}, "Signed room
 * entries").
 */
final class SealedFormat {
  static final int VERSION = 1;
  /** The version of signed entry metadata. */
  static final int SIGNED = 2;

  private SealedFormat() {}

  static byte[] prefix(byte[] ciphertext) {
    return prefix(VERSION, ciphertext);
  }

  static byte[] prefix(int version, byte[] ciphertext) {
    byte[] out = new byte[ciphertext.length + 1];
    out[0] = (byte) version;
    System.arraycopy(ciphertext, 0, out, 1, ciphertext.length);
    return out;
  }

  /** The ciphertext after the version byte, which must be {@link #VERSION}. */
  static byte[] body(byte[] sealed, String what) {
    return body(sealed, what, VERSION);
  }

  /** The ciphertext after the version byte, which must be 1 to {@code newest}. */
  static byte[] body(byte[] sealed, String what, int newest) {
    version(sealed, what, newest);
    return Arrays.copyOfRange(sealed, 1, sealed.length);
  }

  /** The version byte, 1 to {@code newest}. */
  static int version(byte[] sealed, String what, int newest) {
    if (sealed.length < 1) {
      throw new IntegrityException(what + " is empty");
    }
    int version = sealed[0] & 0xFF;
    if (version < 1 || version > newest) {
      throw new UnsupportedFormatException("unsupported " + what + " version " + version
          + " (this SDK reads 1 to " + newest + ")");
    }
    return version;
  }
}
