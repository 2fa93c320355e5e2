package dev.secupass.core.internal.format;

import dev.secupass.api.UnsupportedFormatException;

/**
 * The six bytes every stored SecuPass format begins with: the magic {@code "SP"}, a kind byte, a
 * version byte and a {@code u16} suite identifier ({@code docs/format.md}, "Common prefix").
 */
public final class FormatPrefix {
  /** Length of the prefix in bytes. */
  public static final int LENGTH = 6;
  /** Format version 1, which every reader keeps reading. */
  public static final int VERSION_1 = 1;
  /** Format version 2 (issue 14), for the formats whose bytes it changed. */
  public static final int VERSION_2 = 2;
  /** The only suite of each kind this SDK writes and reads. */
  public static final int SUITE_1 = 1;

  /** The kinds of stored data, by their kind byte. */
  public enum Kind {
    CONTENT('C', "content stream"),
    ENVELOPE('E', "envelope"),
    KEY_BLOB('B', "private-key blob"),
    PUBLIC_KEYS('P', "public-key bundle"),
    SIGNED('S', "signed statement"),
    HOST_MANIFEST('H', "host-sealed delivery manifest"),
    DETAILS('D', "delivery details"),
    EVENT_PAYLOAD('V', "event payload"),
    AT_REST_RING('K', "at-rest key-ring ciphertext");

    private final int code;
    private final String description;

    Kind(char code, String description) {
      this.code = code;
      this.description = description;
    }
  }

  private FormatPrefix() {}

  /** Writes the prefix of version 1, suite 1. */
  public static ByteWriter write(ByteWriter out, Kind kind) {
    return write(out, kind, VERSION_1);
  }

  /** Writes the prefix of {@code version}, suite 1. */
  public static ByteWriter write(ByteWriter out, Kind kind, int version) {
    return out.u8('S').u8('P').u8(kind.code).u8(version).u16(SUITE_1);
  }

  /**
   * Reads and checks a prefix: a wrong magic or kind is damage ({@code in}'s malformed exception),
   * an unknown version or suite is {@link UnsupportedFormatException}.
   */
  public static void read(ByteReader in, Kind kind) {
    read(in, kind, VERSION_1);
  }

  /**
   * Reads and checks a prefix whose version is one of {@code versions}, and returns the version:
   * a wrong magic or kind is damage, another version or suite is {@link
   * UnsupportedFormatException}.
   */
  public static int read(ByteReader in, Kind kind, int... versions) {
    int s = in.u8();
    int p = in.u8();
    int k = in.u8();
    if (s != 'S' || p != 'P' || k != kind.code) {
      throw in.malformed("not a SecuPass " + kind.description + " (bad magic or kind byte)");
    }
    int version = in.u8();
    boolean known = false;
    StringBuilder names = new StringBuilder();
    for (int v : versions) {
      known |= v == version;
      names.append(names.length() == 0 ? "" : " and ").append(v);
    }
    if (!known) {
      throw new UnsupportedFormatException("unsupported " + kind.description + " version "
          + version + " (this SDK reads " + names + ")");
    }
    int suite = in.u16();
    if (suite != SUITE_1) {
      throw new UnsupportedFormatException(
          "unsupported " + kind.description + " suite " + suite + " (this SDK reads 1)");
    }
    return version;
  }
}
