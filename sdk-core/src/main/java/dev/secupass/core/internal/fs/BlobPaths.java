package dev.secupass.core.internal.fs;

import dev.secupass.api.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where blobs and temporary files live under the store's root:
 *
 * <pre>
 * root/blobs/3f/a9/&lt;blob id&gt;        committed blobs, fanned out by a hash of the id
 * root/tmp/&lt;blob id&gt;.&lt;random&gt;.part  blobs being written; never read
 * </pre>
 *
 * Two levels of 256 directories keep even millions of blobs to a few dozen per directory, whatever
 * the ids look like. Both trees are on the same file system, so publishing is a link, not a copy.
 */
public final class BlobPaths {
  public static final String TEMP_SUFFIX = ".part";

  private final Path blobs;
  private final Path temp;

  public BlobPaths(Path root) throws IOException {
    Path absolute = root.toAbsolutePath().normalize();
    blobs = Files.createDirectories(absolute.resolve("blobs"));
    temp = Files.createDirectories(absolute.resolve("tmp"));
  }

  /** The directory of temporary files. */
  public Path temp() {
    return temp;
  }

  /**
   * The committed blob's path. The id is validated path-safe by {@link BlobId}; this checks again
   * that the result stays in its fan-out directory.
   */
  public Path blob(BlobId id) {
    String hash = HexFormat.of().formatHex(sha256(id.value()), 0, 2);
    Path dir = blobs.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4));
    Path path = dir.resolve(id.value()).normalize();
    if (!dir.equals(path.getParent())) {
      throw new IllegalArgumentException("blob id does not name a file: " + id);
    }
    return path;
  }

  /** A new, empty temporary file for a blob being written. */
  public Path newTemp(BlobId id) throws IOException {
    return Files.createTempFile(temp, id.value() + ".", TEMP_SUFFIX);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
