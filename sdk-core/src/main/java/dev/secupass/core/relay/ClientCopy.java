package dev.secupass.core.relay;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a reader's client needs to open a level 3 or 4 delivery itself ({@link
 * ClientRelay#open}): the stored record, the sender's signed manifest and the public keys that
 * signed it, and the envelope wrapped to the reader's current key. The client verifies the
 * manifest against the sender's keys as it pinned them, compares the record with it, opens the
 * envelope, checks the key against the manifest's commitment, and reads the files by range
 * ({@link ClientRelay#read}), checking every segment against the signed digest.
 *
 * @param id the delivery
 * @param level 3 or 4
 * @param sender who sent it
 * @param createdAt when
 * @param expiresAt until when it opens
 * @param details the stored subject and message (clear at level 3, sealed at level 4)
 * @param manifest the sender's signed manifest
 * @param senderPublicKeys the bundle of the sender's key version that signed the manifest
 * @param envelope the reader's envelope for their current key, or {@code null} while the sender
 *     has not granted it yet (the reader waits for the release)
 * @param files the files in the sender's order
 */
public record ClientCopy(DeliveryId id, SecurityLevel level, Person sender, Instant createdAt,
    Instant expiresAt, byte[] details, byte[] manifest, byte[] senderPublicKeys,
    byte @Nullable [] envelope, List<File> files) {

  /**
   * One file as stored.
   *
   * @param id the file
   * @param size plaintext bytes
   * @param storedSize ciphertext bytes, the blob's size
   * @param name the stored name (clear at level 3, sealed at level 4)
   */
  public record File(FileId id, long size, long storedSize, byte[] name) {
    public File {
      Objects.requireNonNull(id, "id");
      name = name.clone();
    }

    @Override
    public byte[] name() {
      return name.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof File f && id.equals(f.id) && size == f.size
          && storedSize == f.storedSize && java.util.Arrays.equals(name, f.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, size, storedSize);
    }

    @Override
    public String toString() {
      return "File[id=" + id + ", size=" + size + "]";
    }
  }

  public ClientCopy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    details = details.clone();
    manifest = manifest.clone();
    senderPublicKeys = senderPublicKeys.clone();
    envelope = envelope == null ? null : envelope.clone();
    files = List.copyOf(files);
  }

  /** The reader's envelope, once the sender granted it. */
  public Optional<byte[]> readerEnvelope() {
    return Optional.ofNullable(envelope).map(byte[]::clone);
  }

  @Override
  public byte[] details() {
    return details.clone();
  }

  @Override
  public byte[] manifest() {
    return manifest.clone();
  }

  @Override
  public byte[] senderPublicKeys() {
    return senderPublicKeys.clone();
  }

  @Override
  public byte @Nullable [] envelope() {
    return envelope == null ? null : envelope.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientCopy c && id.equals(c.id) && level == c.level
        && sender.equals(c.sender) && createdAt.equals(c.createdAt)
        && expiresAt.equals(c.expiresAt) && java.util.Arrays.equals(details, c.details)
        && java.util.Arrays.equals(manifest, c.manifest)
        && java.util.Arrays.equals(senderPublicKeys, c.senderPublicKeys)
        && java.util.Arrays.equals(envelope, c.envelope) && files.equals(c.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, level, files);
  }

  @Override
  public String toString() {
    return "ClientCopy[id=" + id + ", level=" + level.number() + ", files=" + files.size()
        + (envelope == null ? ", not yet granted" : "") + "]";
  }
}
