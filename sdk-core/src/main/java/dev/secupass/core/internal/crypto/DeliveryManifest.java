package dev.secupass.core.internal.crypto;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the sender of a level 3 or 4 delivery signs: the delivery, its level, sender, recipients,
 * every file's sizes and ciphertext digest, a digest of the stored subject and message, the
 * creation and expiry times, and the commitment to the content key ({@code docs/format.md},
 * "Delivery manifest"). Version 2 also binds each file's name digest and position, and its file
 * digests are the version-2 stream digests; version 3 is version 2 with the key-log checkpoint the
 * sender relied on ({@link #seen}). Sign with {@link dev.secupass.core.internal.keys.KeySession#signManifest};
 * recipients {@link #verify} it and {@link #checkKey check} the key they unwrapped against it.
 *
 * @param version the payload version, 1, 2 (host-sealed manifests, levels 1-2) or 3 (signed
 *     manifests, levels 3-4)
 * @param delivery the delivery
 * @param level its security level
 * @param sender who signed (the statement's signer)
 * @param senderKeyVersion the sender's key version that signed
 * @param createdAt when it was sent
 * @param expiresAt when it expires
 * @param recipients the recipients, without duplicates
 * @param files the files, in the sender's order, without duplicate ids
 * @param detailsDigest SHA-256 of the stored subject-and-message bytes (32 bytes)
 * @param keyCommitment {@link SymmetricKey#commitment()} of the content key (32 bytes)
 * @param seen version 3: the key-log checkpoint the sender's SDK relied on when it signed
 *     ({@link BoundCheckpoint#NONE} for none, and always in versions 1 and 2)
 */
public record DeliveryManifest(
    int version,
    DeliveryId delivery,
    SecurityLevel level,
    UserId sender,
    KeyVersion senderKeyVersion,
    Instant createdAt,
    Instant expiresAt,
    List<UserId> recipients,
    List<FileEntry> files,
    byte[] detailsDigest,
    byte[] keyCommitment,
    BoundCheckpoint seen) {

  /** Digest length of every digest and commitment in a manifest. */
  public static final int DIGEST_SIZE = 32;

  private static final byte[] NAME_LABEL = Labels.of(Labels.FILE_NAME_V2);

  /**
   * One file of the manifest.
   *
   * @param file the file's id
   * @param size plaintext bytes
   * @param storedSize ciphertext bytes (the blob's size)
   * @param digest the content's digest ({@link EncryptedContent#digest()}, 32 bytes): version 1's
   *     two-level ciphertext digest, or version 2's stream digest
   * @param nameDigest version 2: {@link #nameDigest(byte[])} of the stored name; empty in version 1
   */
  public record FileEntry(FileId file, long size, long storedSize, byte[] digest,
      byte[] nameDigest) {
    public FileEntry {
      Objects.requireNonNull(file, "file");
      if (size < 0 || storedSize < 0) {
        throw new IllegalArgumentException("file sizes must not be negative");
      }
      digest = checkDigest(digest, "file digest");
      Objects.requireNonNull(nameDigest, "nameDigest");
      nameDigest = nameDigest.length == 0 ? nameDigest.clone()
          : checkDigest(nameDigest, "name digest");
    }

    /** A version-1 entry, without a name digest. */
    public FileEntry(FileId file, long size, long storedSize, byte[] digest) {
      this(file, size, storedSize, digest, new byte[0]);
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public byte[] nameDigest() {
      return nameDigest.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FileEntry f && file.equals(f.file) && size == f.size
          && storedSize == f.storedSize && Arrays.equals(digest, f.digest)
          && Arrays.equals(nameDigest, f.nameDigest);
    }

    @Override
    public int hashCode() {
      return Objects.hash(file, size, storedSize, Arrays.hashCode(digest));
    }

    @Override
    public String toString() {
      return "FileEntry[file=" + file + ", size=" + size + ", storedSize=" + storedSize + "]";
    }
  }

  public DeliveryManifest {
    if (version < 1 || version > 3) {
      throw new IllegalArgumentException("manifest version must be 1, 2 or 3");
    }
    Objects.requireNonNull(seen, "seen");
    if (version < 3 && !seen.none()) {
      throw new IllegalArgumentException("only a version-3 manifest carries a seen checkpoint");
    }
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(senderKeyVersion, "senderKeyVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    recipients = List.copyOf(recipients);
    files = List.copyOf(files);
    detailsDigest = checkDigest(detailsDigest, "details digest");
    keyCommitment = checkDigest(keyCommitment, "key commitment");
    if (new HashSet<>(recipients).size() != recipients.size()) {
      throw new IllegalArgumentException("recipients must not repeat");
    }
    if (files.stream().map(FileEntry::file).distinct().count() != files.size()) {
      throw new IllegalArgumentException("file ids must not repeat");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
    for (FileEntry file : files) {
      if ((file.nameDigest.length == 0) != (version == 1)) {
        throw new IllegalArgumentException("a version-2 or 3 manifest has a name digest for"
            + " every file, a version-1 manifest none");
      }
    }
  }

  /** A manifest of version 1 or 2 (or 3 with no checkpoint relied on). */
  public DeliveryManifest(int version, DeliveryId delivery, SecurityLevel level, UserId sender,
      KeyVersion senderKeyVersion, Instant createdAt, Instant expiresAt, List<UserId> recipients,
      List<FileEntry> files, byte[] detailsDigest, byte[] keyCommitment) {
    this(version, delivery, level, sender, senderKeyVersion, createdAt, expiresAt, recipients,
        files, detailsDigest, keyCommitment, BoundCheckpoint.NONE);
  }

  /** The content-stream version the manifest's file digests are of: 1 for version 1, else 2. */
  public int streamVersion() {
    return Math.min(version, 2);
  }

  /**
   * A file name's digest in a version-2 manifest: {@code SHA-256("SecuPass file name v2\0" ||
   * the stored name)}, the clear UTF-8 name at levels 1-3, the sealed stream at level 4.
   */
  public static byte[] nameDigest(byte[] storedName) {
    return Hashes.sha256(NAME_LABEL, storedName);
  }

  /**
   * Verifies a signed manifest against the sender's keys and decodes it.
   *
   * @throws dev.secupass.api.InvalidSignatureException if it is not signed by {@code senderKeys}
   * @throws IntegrityException if it is malformed or not a manifest
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static DeliveryManifest verify(byte[] signed, PublicKeys senderKeys) {
    SignedStatement statement = SignedStatement.parse(signed);
    byte[] payload = statement.verifiedPayload(senderKeys, SignedType.DELIVERY_MANIFEST);
    return ManifestCodec.decode(payload, statement.signer(), statement.signerKeyVersion());
  }

  /**
   * Checks that {@code contentKey} is the key the sender committed to.
   *
   * @throws IntegrityException if it is not
   */
  public void checkKey(SymmetricKey contentKey) {
    if (!contentKey.matchesCommitment(keyCommitment)) {
      throw new IntegrityException("the content key of delivery " + delivery
          + " does not match the manifest's key commitment");
    }
  }

  /** The file entry of {@code file}. */
  public FileEntry file(FileId file) {
    return files.stream().filter(f -> f.file().equals(file)).findFirst()
        .orElseThrow(() -> new IntegrityException("file " + file
            + " is not in the manifest of delivery " + delivery));
  }

  @Override
  public byte[] detailsDigest() {
    return detailsDigest.clone();
  }

  @Override
  public byte[] keyCommitment() {
    return keyCommitment.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryManifest m
        && version == m.version && delivery.equals(m.delivery) && level == m.level && sender.equals(m.sender)
        && senderKeyVersion.equals(m.senderKeyVersion) && createdAt.equals(m.createdAt)
        && expiresAt.equals(m.expiresAt) && recipients.equals(m.recipients)
        && files.equals(m.files) && Arrays.equals(detailsDigest, m.detailsDigest)
        && Arrays.equals(keyCommitment, m.keyCommitment) && seen.equals(m.seen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(delivery, level, sender, createdAt, files);
  }

  @Override
  public String toString() {
    return "DeliveryManifest[delivery=" + delivery + ", level=" + level + ", sender=" + sender
        + ", recipients=" + recipients.size() + ", files=" + files.size() + "]";
  }

  private static byte[] checkDigest(byte[] digest, String name) {
    Objects.requireNonNull(digest, name);
    if (digest.length != DIGEST_SIZE) {
      throw new IllegalArgumentException(name + " must be " + DIGEST_SIZE + " bytes");
    }
    return digest.clone();
  }
}
