package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.UnsupportedFormatException;
import java.util.Arrays;

/**
 * The version byte that starts each sealed data-room field (room name, entry metadata, wrapped file
 * key) before the content-stream ciphertext ({@code docs/data-rooms.md}, "Sealed fields").
 */
final class SealedFormat {
  static final int VERSION = 1;

  private SealedFormat() {}

  static byte[] prefix(byte[] ciphertext) {
    byte[] out = new byte[ciphertext.length + 1];
    out[0] = VERSION;
    System.arraycopy(ciphertext, 0, out, 1, ciphertext.length);
    return out;
  }

  /** The ciphertext after the version byte, which must be {@link #VERSION}. */
  static byte[] body(byte[] sealed, String what) {
    if (sealed.length < 1) {
      throw new IntegrityException(what + " is empty");
    }
    if (sealed[0] != VERSION) {
      throw new UnsupportedFormatException("unsupported " + what + " version " + (sealed[0] & 0xFF)
          + " (this SDK reads " + VERSION + ")");
    }
    return Arrays.copyOfRange(sealed, 1, sealed.length);
  }
}
