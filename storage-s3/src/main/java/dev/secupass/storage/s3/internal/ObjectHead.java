package dev.secupass.storage.s3.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a HEAD request tells about a committed object.
 *
 * @param size the object's length in bytes
 * @param eTag its entity tag, without surrounding quotes
 * @param uploadMarker the random marker of the upload that wrote it; {@code null} if the object
 *     was not written by this store
 */
public record ObjectHead(long size, String eTag, @Nullable String uploadMarker) {
  public ObjectHead {
    Objects.requireNonNull(eTag, "eTag");
  }

  /** Whether the upload carrying {@code marker} wrote this object. */
  public boolean writtenBy(String marker) {
    return marker.equals(uploadMarker);
  }

  /** An entity tag without the quotes servers put around it. */
  static String unquote(String eTag) {
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1) : eTag;
  }
}
