package dev.secupass.core.relay;

import dev.secupass.api.BlobId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file's ciphertext as the relay stored and checked it ({@link ClientRelay#upload}): where it
 * is, its sizes, and the digest the relay computed from the stored bytes, which the sender's
 * signed manifest must name. The host keeps it until the delivery is committed ({@link
 * ClientRelay#deliver}); a blob no delivery names is invisible to readers and can be {@linkplain
 * ClientRelay#discard discarded}.
 *
 * @param blob where the ciphertext is
 * @param size the plaintext bytes its layout implies
 * @param storedSize the ciphertext bytes
 * @param streamVersion the content stream's format version (1 or 2)
 * @param digest the stream's digest (version 1: the two-level ciphertext digest; version 2: the
 *     stream digest over its segment table)
 */
public record UploadedContent(BlobId blob, long size, long storedSize, int streamVersion,
    byte[] digest) {
  public UploadedContent {
    Objects.requireNonNull(blob, "blob");
    digest = Objects.requireNonNull(digest, "digest").clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UploadedContent u && blob.equals(u.blob) && size == u.size
        && storedSize == u.storedSize && streamVersion == u.streamVersion
        && Arrays.equals(digest, u.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(blob, size, storedSize);
  }

  @Override
  public String toString() {
    return "UploadedContent[blob=" + blob + ", size=" + size + ", storedSize=" + storedSize
        + ", streamVersion=" + streamVersion + "]";
  }
}
