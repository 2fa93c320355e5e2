package dev.secupass.samples.web.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One byte range of a {@code Range} request header (RFC 9110, 14.1.2): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}. Several ranges are not supported: the whole
 * file is served instead, which the RFC allows.
 *
 * @param offset the first byte
 * @param length how many bytes, at least 1
 */
public record ByteRange(long offset, long length) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  public ByteRange {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("a range starts at 0 or later and has at least one byte");
    }
  }

  /** The last byte's position. */
  public long last() {
    return offset + length - 1;
  }

  /** The {@code Content-Range} header of this range of a file of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + offset + "-" + last() + "/" + size;
  }

  /**
   * The range {@code header} asks for in a file of {@code size} bytes.
   *
   * @return empty to serve the whole file (no header, or one this class does not handle)
   * @throws UnsatisfiableRangeException if the range lies outside the file
   */
  public static Optional<ByteRange> parse(@Nullable String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0 || size == 0) {
        throw new UnsatisfiableRangeException(size);
      }
      long length = Math.min(suffix, size);
      return Optional.of(new ByteRange(size - length, length));
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
    if (first >= size || last < first) {
      throw new UnsatisfiableRangeException(size);
    }
    return Optional.of(new ByteRange(first, Math.min(last, size - 1) - first + 1));
  }

  /** A range outside the file: answered with 416 and {@code Content-Range: bytes *}{@code /size}. */
  public static final class UnsatisfiableRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long size;

    UnsatisfiableRangeException(long size) {
      super("the requested range is outside the file (" + size + " bytes)");
      this.size = size;
    }

    public long size() {
      return size;
    }
  }
}
