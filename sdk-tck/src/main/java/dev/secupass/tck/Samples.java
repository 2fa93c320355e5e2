package dev.secupass.tck;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.EventId;
import dev.secupass.api.FileId;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Event;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Fresh identifiers and plausible records for storage tests. Every identifier carries 64 random
 * bits, so tests never collide with each other or with rows left by earlier runs in a shared
 * schema. The opaque byte arrays are random; stores must keep them exactly.
 */
public final class Samples {
  /** The KDF cost recorded on sample key records. */
  public static final KdfParameters KDF = new KdfParameters("argon2id", 65536, 3, 1);

  private Samples() {}

  /** A fresh identifier value: {@code prefix-} and 16 hex digits. */
  public static String freshId(String prefix) {
    return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  public static UserId user() {
    return UserId.of(freshId("user"));
  }

  public static DeliveryId deliveryId() {
    return DeliveryId.of(freshId("delivery"));
  }

  public static RoomId roomId() {
    return RoomId.of(freshId("room"));
  }

  public static FileId fileId() {
    return FileId.of(freshId("file"));
  }

  public static BlobId blobId() {
    return BlobId.of(freshId("blob"));
  }

  public static GrantId grantId() {
    return GrantId.of(freshId("grant"));
  }

  public static EventId eventId() {
    return EventId.of(freshId("event"));
  }

  /** {@code length} random bytes. */
  public static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** A random fingerprint of eight groups. */
  public static Fingerprint fingerprint() {
    return Fingerprint.of(IntStream.range(0, 8)
        .mapToObj(i -> String.format("%05d", ThreadLocalRandom.current().nextInt(100_000)))
        .collect(Collectors.joining(" ")));
  }

  /** A user's key record not yet stored: ACTIVE, revision 0. */
  public static KeyRecord keyRecord(UserId user, KeyVersion version, Instant createdAt) {
    return new KeyRecord(user, version, KeyState.ACTIVE, bytes(64), bytes(96), KDF, 0, createdAt);
  }

  /** A pin {@code observer} keeps of {@code subject}'s first key. */
  public static KeyPin pin(UserId observer, UserId subject, Instant pinnedAt) {
    return new KeyPin(observer, subject, KeyVersion.FIRST, fingerprint(), pinnedAt, bytes(32));
  }

  /**
   * An active level-3 delivery with one file and the given recipients (employees), expiring 30
   * days after {@code createdAt}, without download limit or link token.
   */
  public static DeliveryRecord delivery(
      DeliveryId id, UserId sender, Instant createdAt, List<UserId> recipients) {
    return delivery(id, sender, createdAt, createdAt.plus(Duration.ofDays(30)), 0, null,
        recipients);
  }

  /** An active level-3 delivery with one file, shaped by the arguments. */
  // javac 17 writes the type annotation of the record component linkTokenHash onto the compact
  // constructor with a FIELD target, so NullAway, reading sdk-api's class file, misses it there.
  @SuppressWarnings("NullAway")
  public static DeliveryRecord delivery(DeliveryId id, UserId sender, Instant createdAt,
      Instant expiresAt, int downloadLimit, byte @Nullable [] linkTokenHash,
      List<UserId> recipients) {
    DeliveryFile file = new DeliveryFile(fileId(), blobId(), 1000, 1100, bytes(32), bytes(12));
    List<Recipient> to = recipients.stream()
        .map(user -> new Recipient(user, PrincipalKind.EMPLOYEE, user.value() + "@example.org"))
        .toList();
    return new DeliveryRecord(id, sender, SecurityLevel.SECRET, DeliveryState.ACTIVE, createdAt,
        expiresAt, downloadLimit, 0, bytes(40), bytes(80), linkTokenHash, List.of(file), to);
  }

  /** A delivery's content key wrapped to {@code recipient}'s key {@code version}. */
  public static DeliveryEnvelope envelope(DeliveryId delivery, UserId recipient,
      KeyVersion version, UserId granter, Instant createdAt) {
    return new DeliveryEnvelope(delivery, recipient, version, granter, bytes(120), createdAt);
  }

  /** A new room (revision 0) at epoch 1, its name sealed under epoch 1. */
  public static Room room(RoomId id, UserId createdBy, Instant createdAt) {
    return Room.created(id, createdBy, createdAt, bytes(24));
  }

  public static RoomMember member(RoomId room, UserId user, RoomRole role, Instant addedAt) {
    return new RoomMember(room, user, role, addedAt);
  }

  /** A room key of {@code epoch} wrapped to {@code member}'s key {@code version}. */
  public static RoomEnvelope roomEnvelope(RoomId room, int epoch, UserId member,
      KeyVersion version, UserId granter, Instant createdAt) {
    return new RoomEnvelope(room, epoch, member, version, granter, bytes(120), createdAt);
  }

  /** A folder not yet stored (revision 0), at epoch 1. */
  public static RoomEntry folder(RoomId room, FileId id, @Nullable FileId parent, Instant at) {
    return new RoomEntry(room, id, parent, RoomEntry.Kind.FOLDER, 1, bytes(20), null, 0,
        new byte[0], at, 0);
  }

  /** A file not yet stored (revision 0), at epoch 1, with a fresh blob id. */
  public static RoomEntry file(RoomId room, FileId id, @Nullable FileId parent, Instant at) {
    return new RoomEntry(room, id, parent, RoomEntry.Kind.FILE, 1, bytes(20), blobId(), 4096,
        bytes(90), at, 0);
  }

  /** A guest not yet registered (no username), revision 0, with a fresh e-mail address. */
  public static GuestAccount guest(UserId user, Instant createdAt) {
    return new GuestAccount(user, freshId("guest") + "@example.org", null, new byte[0], createdAt,
        0);
  }

  /** An event of type {@code delivery.new} for {@code audience}. */
  public static Event event(UserId audience, Instant createdAt) {
    return new Event(eventId(), "delivery.new", audience, bytes(50), createdAt);
  }

  /** An audit entry about {@code target} by a fresh actor. */
  public static AuditEntry auditEntry(String target, Instant at) {
    return new AuditEntry(at, user(), "delivery.open", target, "ok");
  }
}
