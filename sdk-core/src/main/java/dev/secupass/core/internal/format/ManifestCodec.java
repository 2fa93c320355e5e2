package dev.secupass.core.internal.format;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a signed delivery manifest ({@code docs/format.md}, "Delivery manifest"). The
 * sender and their key version are the signed statement's signer, not repeated here.
 */
public final class ManifestCodec {
  private static final int PAYLOAD_VERSION = 1;

  private ManifestCodec() {}

  public static byte[] encode(DeliveryManifest manifest) {
    ByteWriter out = new ByteWriter(256 + 96 * manifest.files().size())
        .u8(PAYLOAD_VERSION)
        .string(manifest.delivery().value())
        .u8(manifest.level().number());
    instant(out, manifest.createdAt());
    instant(out, manifest.expiresAt());
    out.u32(manifest.recipients().size());
    for (UserId recipient : manifest.recipients()) {
      out.string(recipient.value());
    }
    out.u32(manifest.files().size());
    for (DeliveryManifest.FileEntry file : manifest.files()) {
      out.string(file.file().value())
          .u64(file.size())
          .u64(file.storedSize())
          .bytes(file.digest());
    }
    return out.bytes(manifest.detailsDigest()).bytes(manifest.keyCommitment()).toByteArray();
  }

  public static DeliveryManifest decode(byte[] payload, UserId sender, KeyVersion senderVersion) {
    ByteReader in = new ByteReader(payload, IntegrityException::new);
    int version = in.u8();
    if (version != PAYLOAD_VERSION) {
      throw new UnsupportedFormatException("unsupported manifest version " + version);
    }
    try {
      DeliveryId delivery = DeliveryId.of(in.string("delivery id"));
      SecurityLevel level = SecurityLevel.of(in.u8());
      Instant createdAt = instant(in);
      Instant expiresAt = instant(in);
      int recipientCount = count(in);
      List<UserId> recipients = new ArrayList<>();
      for (int i = 0; i < recipientCount; i++) {
        recipients.add(PublicKeyBundle.userId(in, in.string("recipient")));
      }
      int fileCount = count(in);
      List<DeliveryManifest.FileEntry> files = new ArrayList<>();
      for (int i = 0; i < fileCount; i++) {
        files.add(new DeliveryManifest.FileEntry(FileId.of(in.string("file id")),
            in.u64("file size"), in.u64("stored size"),
            in.bytes(DeliveryManifest.DIGEST_SIZE, "file digest")));
      }
      byte[] detailsDigest = in.bytes(DeliveryManifest.DIGEST_SIZE, "details digest");
      byte[] commitment = in.bytes(DeliveryManifest.DIGEST_SIZE, "key commitment");
      in.end("manifest");
      return new DeliveryManifest(delivery, level, sender, senderVersion, createdAt, expiresAt,
          recipients, files, detailsDigest, commitment);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IntegrityException("manifest is inconsistent: " + e.getMessage());
    }
  }

  private static int count(ByteReader in) {
    int count = in.u32AsInt("count");
    if (count > in.remaining()) {
      throw in.malformed("manifest count exceeds its size");
    }
    return count;
  }

  private static void instant(ByteWriter out, Instant instant) {
    out.i64(instant.getEpochSecond()).u32(instant.getNano());
  }

  private static Instant instant(ByteReader in) {
    long seconds = in.i64();
    long nanos = in.u32();
    if (nanos > 999_999_999L) {
      throw in.malformed("manifest time has invalid nanoseconds");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
