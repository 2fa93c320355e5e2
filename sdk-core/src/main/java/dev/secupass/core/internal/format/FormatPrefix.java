package dev.secupass.core.internal.format;

import dev.secupass.api.UnsupportedFormatException;

/**
 * The six bytes every stored SecuPass format begins with: the magic {@code "SP"}, a kind byte, a
 * version byte and a {@code u16} suite identifier ({@code docs/format.md}, "Common prefix").
 */
public final class FormatPrefix {
  /** Length of the prefix in bytes. */
  public static final int LENGTH = 6;
  /** The only format version this SDK writes and reads. */
  public static final int VERSION_1 = 1;
  /** The classical suite (X25519, Ed25519), the only suite of most kinds. */
  public static final int SUITE_1 = 1;
  /**
   * The post-quantum suite of envelopes, public-key bundles and private-key blobs: X-Wing
   * (ML-KEM-768 + X25519) beside the suite-1 keys ({@code docs/format.md}, "Suite 2").
   */
  public static final int SUITE_2 = 2;

  /** The kinds of stored data, by their kind byte. */
  public enum Kind {
    CONTENT('C', "content stream"),
    ENVELOPE('E', "envelope"),
    KEY_BLOB('B', "private-key blob"),
    PUBLIC_KEYS('P', "public-key bundle"),
    SIGNED('S', "signed statement"),
    HOST_MANIFEST('H', "host-sealed delivery manifest"),
    DETAILS('D', "delivery details"),
    EVENT_PAYLOAD('V', "event payload");

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
    return write(out, kind, SUITE_1);
  }

  /** Writes the prefix of version 1 and {@code suite}. */
  public static ByteWriter write(ByteWriter out, Kind kind, int suite) {
    return out.u8('S').u8('P').u8(kind.code).u8(VERSION_1).u16(suite);
  }

  /**
   * Reads and checks a prefix: a wrong magic or kind is damage ({@code in}'s malformed exception),
   * an unknown version or suite is {@link UnsupportedFormatException}.
   */
  public static void read(ByteReader in, Kind kind) {
    readSuite(in, kind, SUITE_1);
  }

  /**
   * Reads and checks a prefix like {@link #read}, accepting the suites 1 to {@code highestSuite}.
   *
   * @return the suite
   */
  public static int readSuite(ByteReader in, Kind kind, int highestSuite) {
    int s = in.u8();
    int p = in.u8();
    int k = in.u8();
    if (s != 'S' || p != 'P' || k != kind.code) {
      throw in.malformed("not a SecuPass " + kind.description + " (bad magic or kind byte)");
    }
    int version = in.u8();
    if (version != VERSION_1) {
      throw new UnsupportedFormatException(
          "unsupported " + kind.description + " version " + version + " (this SDK reads 1)");
    }
    int suite = in.u16();
    if (suite < SUITE_1 || suite > highestSuite) {
      throw new UnsupportedFormatException("unsupported " + kind.description + " suite " + suite
          + " (this SDK reads " + (highestSuite == SUITE_1 ? "1" : "1 to " + highestSuite) + ")");
    }
    return suite;
  }
}
