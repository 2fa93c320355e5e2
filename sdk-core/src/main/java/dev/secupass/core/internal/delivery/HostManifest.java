package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.AtRestKeyRing;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.spi.DeliveryRecord;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The manifest of a level 1 or 2 delivery, sealed under the host's at-rest key and stored in {@link
 * DeliveryRecord#manifest()} ({@code docs/deliveries.md}, "Host-sealed manifest"). It carries what
 * a signed manifest carries (so the same checks apply), the download limit, the link-token hash,
 * and the content key itself. Stored as the common prefix of kind {@code 'H'} followed by the
 * at-rest key's ciphertext, whose associated data is the prefix, the label {@code "SecuPass host
 * manifest v1"} and the delivery id, so it cannot be moved to another delivery.
 *
 * <p>The manifest's sender key version is meaningless here (the sender may have no SecuPass) and
 * always reads {@link KeyVersion#FIRST}.
 */
final class HostManifest implements AutoCloseable {
  private static final String LABEL = "SecuPass host manifest v1";
  private static final byte[] LABEL_V2 = Labels.of(Labels.HOST_MANIFEST_V2);

  private final DeliveryManifest manifest;
  private final int downloadLimit;
  private final byte @Nullable [] linkTokenHash;
  private final SymmetricKey contentKey;

  HostManifest(DeliveryManifest manifest, int downloadLimit, byte @Nullable [] linkTokenHash,
      SymmetricKey contentKey) {
    if (manifest.version() > 2) {
      // No user key signs a host-sealed manifest: there is no checkpoint of a signer to bind.
      throw new IllegalArgumentException("a host-sealed manifest is of version 1 or 2");
    }
    this.manifest = manifest;
    this.downloadLimit = downloadLimit;
    this.linkTokenHash = linkTokenHash == null ? null : linkTokenHash.clone();
    this.contentKey = contentKey;
  }

  DeliveryManifest manifest() {
    return manifest;
  }

  /** The key; closing this manifest closes it. */
  SymmetricKey contentKey() {
    return contentKey;
  }

  /** Seals it under {@code key}, for storing. */
  byte[] seal(AtRestKey key) {
    byte[] payload = ManifestCodec.encode(manifest);
    byte[] material = contentKey.exportBytes();
    ByteWriter plain = new ByteWriter(payload.length + 128)
        .string(manifest.sender().value())
        .u32(downloadLimit)
        .u8(linkTokenHash == null ? 0 : 1);
    if (linkTokenHash != null) {
      plain.bytes(linkTokenHash);
    }
    byte[] plaintext = plain.u32(payload.length).bytes(payload).bytes(material).toByteArray();
    try {
      byte[] prefix = prefix(manifest.version());
      byte[] sealed = key.encrypt(plaintext, associatedData(prefix, manifest.delivery()));
      return new ByteWriter(prefix.length + sealed.length).bytes(prefix).bytes(sealed)
          .toByteArray();
    } finally {
      Wipe.bytes(material, plaintext);
    }
  }

  /**
   * Opens the manifest stored in {@code record} and checks it against the record (including the
   * download limit and the link-token hash).
   *
   * @throws IntegrityException if it does not open under {@code key}, is not a host-sealed
   *     manifest, or does not match the record
   */
  static HostManifest open(AtRestKey key, DeliveryRecord record) {
    byte[] stored = record.manifest();
    ByteReader in = new ByteReader(stored, IntegrityException::new);
    int version = FormatPrefix.readVersion(in, FormatPrefix.Kind.HOST_MANIFEST,
        FormatPrefix.VERSION_1, FormatPrefix.VERSION_2);
    byte[] prefix = Arrays.copyOf(stored, FormatPrefix.LENGTH);
    byte[] plaintext = key.decrypt(in.bytes(in.remaining(), "sealed manifest"),
        associatedData(prefix, record.id()));
    try {
      ByteReader plain = new ByteReader(plaintext, IntegrityException::new);
      UserId sender = UserId.of(plain.string("sender"));
      int limit = plain.u32AsInt("download limit");
      int linkFlag = plain.u8();
      if (linkFlag > 1) {
        throw plain.malformed("unknown link-token flag " + linkFlag);
      }
      byte[] linkHash = linkFlag == 1 ? plain.bytes(32, "link token hash") : null;
      byte[] payload = plain.bytes(plain.u32AsInt("manifest length"), "manifest");
      byte[] material = plain.bytes(SymmetricKey.SIZE, "content key");
      plain.end("host manifest");
      DeliveryManifest manifest = ManifestCodec.decode(payload, sender, KeyVersion.FIRST);
      if (manifest.version() != version) {
        Wipe.bytes(material);
        throw new IntegrityException("the host-sealed manifest of delivery " + record.id()
            + " holds a manifest of another version");
      }
      HostManifest opened = new HostManifest(manifest, limit, linkHash,
          SymmetricKey.importBytes(material));
      Wipe.bytes(material);
      opened.checkAgainst(record);
      return opened;
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("the host-sealed manifest of delivery " + record.id()
          + " is inconsistent");
    } finally {
      Wipe.bytes(plaintext);
    }
  }

  /**
   * The manifest stored in {@code record} sealed anew under {@code ring}'s primary key, or empty if
   * it already is (nothing is decrypted then). The plaintext never leaves the ring.
   *
   * @throws IntegrityException if it is not a host-sealed manifest or does not open under the ring
   */
  static Optional<byte[]> reseal(AtRestKeyRing ring, DeliveryRecord record) {
    byte[] stored = record.manifest();
    ByteReader in = new ByteReader(stored, IntegrityException::new);
    FormatPrefix.readVersion(in, FormatPrefix.Kind.HOST_MANIFEST, FormatPrefix.VERSION_1,
        FormatPrefix.VERSION_2);
    byte[] prefix = Arrays.copyOf(stored, FormatPrefix.LENGTH);
    return ring.reseal(in.bytes(in.remaining(), "sealed manifest"),
            associatedData(prefix, record.id()))
        .map(sealed -> new ByteWriter(prefix.length + sealed.length).bytes(prefix).bytes(sealed)
            .toByteArray());
  }

  private void checkAgainst(DeliveryRecord record) {
    try {
      ManifestChecks.check(manifest, record);
      if (downloadLimit != record.downloadLimit()
          || !Arrays.equals(linkTokenHash, record.linkTokenHash())) {
        throw new IntegrityException("the stored download limit or link of delivery "
            + record.id() + " does not match its manifest");
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static byte[] prefix(int version) {
    return FormatPrefix.writeVersion(new ByteWriter(FormatPrefix.LENGTH),
        FormatPrefix.Kind.HOST_MANIFEST, version).toByteArray();
  }

  private static byte[] associatedData(byte[] prefix, DeliveryId delivery) {
    if (prefix[3] == FormatPrefix.VERSION_2) {
      return new ByteWriter().bytes(LABEL_V2).bytes(prefix).string(delivery.value())
          .toByteArray();
    }
    return new ByteWriter().bytes(prefix).string(LABEL).u8(0).string(delivery.value())
        .toByteArray();
  }

  @Override
  public void close() {
    contentKey.close();
  }

  @Override
  public String toString() {
    return "HostManifest[delivery=" + manifest.delivery() + "]";
  }
}
