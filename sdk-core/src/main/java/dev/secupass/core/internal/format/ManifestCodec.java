package dev.secupass.core.internal.format;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The payload of a delivery manifest ({@code docs/format.md}, "Delivery manifest"), versions 1,
 * 2 and 3. In version 1 the sender and their key version are the signed statement's signer, not
 * repeated; version 2 names the sender in the payload (the reader checks it against the signer or
 * the host-sealed sender), stores times as milliseconds, sorts the recipients, and binds each
 * file's name digest and position; version 3 is version 2 followed by the seen checkpoint field
 * (the key-log checkpoint the signer relied on, {@link BoundCheckpoint}).
 */
public final class ManifestCodec {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  private ManifestCodec() {}

  public static byte[] encode(DeliveryManifest manifest) {
    ByteWriter out = new ByteWriter(256 + 128 * manifest.files().size())
        .u8(manifest.version())
        .string(manifest.delivery().value())
        .u8(manifest.level().number());
    boolean v2 = manifest.version() >= 2;
    if (v2) {
      out.string(manifest.sender().value());
      out.i64(millis(manifest.createdAt())).i64(millis(manifest.expiresAt()));
    } else {
      instant(out, manifest.createdAt());
      instant(out, manifest.expiresAt());
    }
    out.u32(manifest.recipients().size());
    List<byte[]> recipients = new ArrayList<>();
    for (UserId recipient : manifest.recipients()) {
      recipients.add(recipient.value().getBytes(StandardCharsets.UTF_8));
    }
    if (v2) {
      recipients.sort(UNSIGNED);
    }
    for (byte[] recipient : recipients) {
      out.string(new String(recipient, StandardCharsets.UTF_8));
    }
    out.u32(manifest.files().size());
    for (DeliveryManifest.FileEntry file : manifest.files()) {
      out.string(file.file().value());
      if (v2) {
        out.bytes(file.nameDigest());
      }
      out.u64(file.size()).u64(file.storedSize()).bytes(file.digest());
    }
    out.bytes(manifest.detailsDigest()).bytes(manifest.keyCommitment());
    if (manifest.version() >= 3) {
      manifest.seen().write(out);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a payload of version 1, 2 or 3 signed (or host-sealed) for {@code sender}.
   *
   * @throws IntegrityException if it is malformed or, from version 2 on, names another sender or
   *     does not list its recipients strictly ascending, or, in version 3, has a seen checkpoint
   *     of size 0 with a non-zero root
   * @throws UnsupportedFormatException for another payload version
   */
  public static DeliveryManifest decode(byte[] payload, UserId sender, KeyVersion senderVersion) {
    ByteReader in = new ByteReader(payload, IntegrityException::new);
    int version = in.u8();
    if (version < 1 || version > 3) {
      throw new UnsupportedFormatException("unsupported manifest version " + version
          + " (this SDK reads 1, 2 and 3)");
    }
    boolean v2 = version >= 2;
    try {
      DeliveryId delivery = DeliveryId.of(in.string("delivery id"));
      SecurityLevel level = SecurityLevel.of(in.u8());
      Instant createdAt;
      Instant expiresAt;
      if (v2) {
        UserId named = PublicKeyBundle.userId(in, in.string("sender"));
        if (!named.equals(sender)) {
          throw new IntegrityException("the manifest of delivery " + delivery
              + " names another sender than the one who signed it");
        }
        createdAt = Instant.ofEpochMilli(in.i64());
        expiresAt = Instant.ofEpochMilli(in.i64());
      } else {
        createdAt = instant(in);
        expiresAt = instant(in);
      }
      int recipientCount = count(in);
      List<UserId> recipients = new ArrayList<>();
      byte[] previous = null;
      for (int i = 0; i < recipientCount; i++) {
        String text = in.string("recipient");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (v2 && previous != null && Arrays.compareUnsigned(previous, bytes) >= 0) {
          throw in.malformed("manifest recipients are not strictly ascending");
        }
        previous = bytes;
        recipients.add(PublicKeyBundle.userId(in, text));
      }
      int fileCount = count(in);
      List<DeliveryManifest.FileEntry> files = new ArrayList<>();
      for (int i = 0; i < fileCount; i++) {
        FileId file = FileId.of(in.string("file id"));
        byte[] nameDigest = v2 ? in.bytes(DeliveryManifest.DIGEST_SIZE, "name digest")
            : new byte[0];
        files.add(new DeliveryManifest.FileEntry(file, in.u64("file size"),
            in.u64("stored size"), in.bytes(DeliveryManifest.DIGEST_SIZE, "file digest"),
            nameDigest));
      }
      byte[] detailsDigest = in.bytes(DeliveryManifest.DIGEST_SIZE, "details digest");
      byte[] commitment = in.bytes(DeliveryManifest.DIGEST_SIZE, "key commitment");
      BoundCheckpoint seen = version >= 3 ? BoundCheckpoint.read(in) : BoundCheckpoint.NONE;
      in.end("manifest");
      return new DeliveryManifest(version, delivery, level, sender, senderVersion, createdAt,
          expiresAt, recipients, files, detailsDigest, commitment, seen);
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

  private static long millis(Instant instant) {
    long millis = instant.toEpochMilli();
    if (!Instant.ofEpochMilli(millis).equals(instant)) {
      throw new IllegalArgumentException("a version-2 manifest stores whole milliseconds");
    }
    return millis;
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
