package dev.secupass.spi;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a delivery.
 *
 * @param id the file's identifier within the delivery
 * @param blob where its ciphertext lives in the blob store
 * @param size plaintext size in bytes
 * @param storedSize ciphertext size in bytes (what the blob store holds)
 * @param digest a digest of the ciphertext (opaque to stores)
 * @param name the file name: UTF-8 at levels 1-3, encrypted at level 4 (opaque to stores)
 */
public record DeliveryFile(
    FileId id, BlobId blob, long size, long storedSize, byte[] digest, byte[] name) {

  public DeliveryFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(blob, "blob");
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("sizes must not be negative");
    }
    digest = Bytes.copy(digest, "digest");
    name = Bytes.copy(name, "name");
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryFile f
        && id.equals(f.id)
        && blob.equals(f.blob)
        && size == f.size
        && storedSize == f.storedSize
        && Arrays.equals(digest, f.digest)
        && Arrays.equals(name, f.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, blob, size, storedSize);
  }

  @Override
  public String toString() {
    return "DeliveryFile[id=" + id + ", blob=" + blob + ", size=" + size + "]";
  }
}
