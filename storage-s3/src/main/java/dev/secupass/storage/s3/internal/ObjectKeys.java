package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps blob ids to object keys under an optional prefix ({@code tenants/acme/} + id), so that
 * several hosts or tenants can share a bucket without seeing each other's blobs.
 */
public final class ObjectKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");
  private static final Pattern BLOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_PREFIX_LENGTH = 512;

  private final String prefix;

  private ObjectKeys(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Validates a key prefix: empty, or segments of {@code [A-Za-z0-9._=-]} separated by {@code /}
   * (a trailing {@code /} is added if missing).
   *
   * @throws IllegalArgumentException if the prefix is malformed
   */
  public static ObjectKeys of(String keyPrefix) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.isEmpty()) {
      return new ObjectKeys("");
    }
    String trimmed = keyPrefix.endsWith("/")
        ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
    if (trimmed.length() + 1 > MAX_PREFIX_LENGTH) {
      throw new IllegalArgumentException(
          "keyPrefix must be at most " + MAX_PREFIX_LENGTH + " characters");
    }
    for (String segment : trimmed.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        throw new IllegalArgumentException("keyPrefix must be segments of [A-Za-z0-9._=-] that"
            + " start with a letter or digit, separated by '/', without '..'; got '"
            + keyPrefix + "'");
      }
    }
    return new ObjectKeys(trimmed + "/");
  }

  /** The object key of a blob. */
  public String key(BlobId id) {
    return prefix + id.value();
  }

  /** The prefix every key of this store starts with; empty or ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** Whether {@code key} is one this store could have made (its prefix, then a blob id). */
  public boolean isBlobKey(String key) {
    return key.startsWith(prefix)
        && BLOB_ID.matcher(key.substring(prefix.length())).matches()
        && !key.contains("..");
  }
}
