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
    EVENT_PAYLOAD('V', "event payload"),
    AT_REST_RING('K', "at-rest key-ring ciphertext"),
    HOST_WITHDRAWAL('W', "host-sealed withdrawal");

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
    return write(out, kind, VERSION_1, SUITE_1);
  }

  /** Writes the prefix of {@code version}, suite 1 (the formats issue 14 versioned). */
  public static ByteWriter writeVersion(ByteWriter out, Kind kind, int version) {
    return write(out, kind, version, SUITE_1);
  }

  /** Writes the prefix of version 1 and {@code suite} (the formats with a suite 2). */
  public static ByteWriter writeSuite(ByteWriter out, Kind kind, int suite) {
    return write(out, kind, VERSION_1, suite);
  }

  private static ByteWriter write(ByteWriter out, Kind kind, int version, int suite) {
    return out.u8('S').u8('P').u8(kind.code).u8(version).u16(suite);
  }

  /**
   * Reads and checks a prefix of version 1, suite 1: a wrong magic or kind is damage ({@code
   * in}'s malformed exception), an unknown version or suite is {@link UnsupportedFormatException}.
   */
  public static void read(ByteReader in, Kind kind) {
    read(in, kind, SUITE_1, VERSION_1);
  }

  /**
   * Reads and checks a suite-1 prefix whose version is one of {@code versions}, and returns the
   * version: a wrong magic or kind is damage, another version or suite is {@link
   * UnsupportedFormatException}.
   *
   * @return the version
   */
  public static int readVersion(ByteReader in, Kind kind, int... versions) {
    return read(in, kind, SUITE_1, versions)[0];
  }

  /**
   * Reads and checks a version-1 prefix like {@link #read}, accepting the suites 1 to {@code
   * highestSuite}.
   *
   * @return the suite
   */
  public static int readSuite(ByteReader in, Kind kind, int highestSuite) {
    return read(in, kind, highestSuite, VERSION_1)[1];
  }

  /** Returns the version and the suite. */
  private static int[] read(ByteReader in, Kind kind, int highestSuite, int... versions) {
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
    if (suite < SUITE_1 || suite > highestSuite) {
      throw new UnsupportedFormatException("unsupported " + kind.description + " suite " + suite
          + " (this SDK reads " + (highestSuite == SUITE_1 ? "1" : "1 to " + highestSuite) + ")");
    }
    return new int[] {version, suite};
  }
}
