package dev.secupass.storage.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Page cursors: the sort key of the last item of a page, encoded so callers treat it as opaque.
 * A cursor that was not made here is rejected with {@link IllegalArgumentException}.
 */
public final class Cursors {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursors() {}

  /** A position in a listing ordered by time, then identifier. */
  public record TimeAndId(Instant at, String id) {}

  public static String encode(Instant at, String id) {
    return encode("t" + at.getEpochSecond() + "." + at.getNano() + "." + id);
  }

  public static TimeAndId decodeTimeAndId(String cursor) {
    String text = decode(cursor, 't');
    String[] parts = text.split("\\.", 3);
    try {
      if (parts.length != 3 || parts[2].isEmpty()) {
        throw new IllegalArgumentException();
      }
      return new TimeAndId(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
    } catch (RuntimeException e) {
      throw malformed();
    }
  }

  /** A position in a listing ordered by a sequence number. */
  public static String encode(long sequence) {
    return encode("s" + sequence);
  }

  public static long decodeSequence(String cursor) {
    try {
      return Long.parseLong(decode(cursor, 's'));
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  /** A position in a listing ordered by identifier. */
  public static String encodeId(String id) {
    return encode("i" + id);
  }

  public static String decodeId(String cursor) {
    String id = decode(cursor, 'i');
    if (id.isEmpty()) {
      throw malformed();
    }
    return id;
  }

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor, char kind) {
    String text;
    try {
      text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (text.isEmpty() || text.charAt(0) != kind) {
      throw malformed();
    }
    return text.substring(1);
  }

  private static IllegalArgumentException malformed() {
    return new IllegalArgumentException("page cursor is malformed or belongs to another listing");
  }
}
