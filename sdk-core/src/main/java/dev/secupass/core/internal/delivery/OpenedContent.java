package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecretAccess;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An {@link OpenedDelivery} over verified metadata and the unwrapped content key. */
final class OpenedContent implements OpenedDelivery {
  private final DeliveryManifest manifest;
  private final String subject;
  private final String message;
  private final List<DeliveredFile> files;
  private final Map<FileId, BlobId> blobs;
  private final SymmetricKey key;
  private final BlobStore store;
  private final SecureRandom random;
  private final Downloads downloads;

  OpenedContent(DeliveryManifest manifest, Details details, List<DeliveredFile> files,
      Map<FileId, BlobId> blobs, SymmetricKey key, BlobStore store, SecureRandom random,
      Downloads downloads) {
    this.manifest = manifest;
    this.subject = details.subject();
    this.message = details.message();
    this.files = List.copyOf(files);
    this.blobs = Map.copyOf(blobs);
    this.key = key;
    this.store = store;
    this.random = random;
    this.downloads = downloads;
  }

  @Override
  public DeliveryId id() {
    return manifest.delivery();
  }

  @Override
  public UserId sender() {
    return manifest.sender();
  }

  @Override
  public SecurityLevel level() {
    return manifest.level();
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public String message() {
    return message;
  }

  @Override
  public Instant expiresAt() {
    return manifest.expiresAt();
  }

  @Override
  public List<DeliveredFile> files() {
    return files;
  }

  @Override
  public InputStream read(FileId file) {
    DeliveryManifest.FileEntry entry = entry(file);
    if (manifest.version() >= 2) {
      try {
        return read(file, 0, entry.size());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CountedRead(cipher(file).decrypt(store.open(Objects.requireNonNull(blobs.get(file))), entry.digest()),
        downloads, file, 0, entry.size(), entry.size());
  }

  @Override
  public InputStream read(FileId file, long offset, long length) throws IOException {
    DeliveryManifest.FileEntry entry = entry(file);
    BlobId blob = Objects.requireNonNull(blobs.get(file));
    CiphertextSource source = CiphertextSource.of(entry.storedSize(),
        (from, count) -> store.open(blob, from, count));
    // Version 2: the table is checked against the signed stream digest, every segment against the
    // table, before any plaintext is released. Version 1 ranges are authenticated by GCM alone.
    InputStream range = manifest.version() >= 2
        ? cipher(file).decryptVerified(source, entry.size(), offset, length, entry.digest())
        : cipher(file).decryptRange(source, entry.size(), offset, length);
    return new CountedRead(range, downloads, file, offset,
        length >= entry.size() - offset ? entry.size() : offset + length, entry.size());
  }

  @Override
  public byte[] contentKey(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return key.exportBytes();
  }

  @Override
  public void close() {
    key.close();
  }

  private DeliveryManifest.FileEntry entry(FileId file) {
    if (!blobs.containsKey(file)) {
      throw new NotFoundException("delivery " + manifest.delivery() + " has no file " + file);
    }
    return manifest.file(file);
  }

  private ContentCipher cipher(FileId file) {
    return ContentCipher.builder(key,
        ContentContext.deliveryFile(manifest.delivery(), file, manifest.level()))
        .random(random).build();
  }

  @Override
  public String toString() {
    return "OpenedDelivery[id=" + manifest.delivery() + ", level=" + manifest.level() + "]";
  }
}
