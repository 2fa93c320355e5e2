package dev.secupass.core.internal.rooms;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The binary payload of a membership-log entry ({@code docs/data-rooms.md}, "Membership log";
 * {@code docs/format.md}): version 1, and version 2, which is version 1 followed by the seen
 * checkpoint field (the key-log checkpoint the signer relied on, {@link BoundCheckpoint}). The
 * payload is signed as a {@code MEMBERSHIP_ENTRY} signed statement.
 */
public final class MembershipCodec {
  /** The payload version this SDK writes (it reads 1 and 2). */
  public static final int VERSION = 2;

  private static final int HAS_COMMITMENT = 1;
  private static final int HAS_KEY = 2;

  private MembershipCodec() {}

  public static byte[] encode(MembershipRecord record) {
    byte[] commitment = record.commitment();
    MemberKey key = record.subjectKey();
    ByteWriter out = new ByteWriter(256)
        .u8(record.version())
        .string(record.room().value())
        .u64(record.sequence())
        .bytes(record.previous())
        .i64(record.time().toEpochMilli())
        .u8(record.action().code())
        .string(record.subject().value())
        .u8(roleCode(record.role()))
        .u32(record.epoch())
        .u8((commitment == null ? 0 : HAS_COMMITMENT) | (key == null ? 0 : HAS_KEY));
    if (commitment != null) {
      out.bytes(commitment);
    }
    if (key != null) {
      out.u32(key.version().value()).bytes(key.digest());
    }
    BoundCheckpoint seen = record.seen();
    if (seen != null) {
      seen.write(out);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a payload.
   *
   * @throws MembershipLogException if it is malformed
   * @throws UnsupportedFormatException if it is of an unknown version
   */
  public static MembershipRecord decode(byte[] payload) {
    ByteReader in = new ByteReader(payload,
        message -> new MembershipLogException("malformed membership entry: " + message));
    int version = in.u8();
    if (version != 1 && version != 2) {
      throw new UnsupportedFormatException("unsupported membership entry version " + version
          + " (this SDK reads 1 and 2)");
    }
    try {
      RoomId room = RoomId.of(in.string("room"));
      long sequence = in.u64("sequence");
      byte[] previous = in.bytes(ChainHash.SIZE, "previous hash");
      Instant time = Instant.ofEpochMilli(in.i64());
      MembershipAction action = MembershipAction.of(in.u8());
      UserId subject = UserId.of(in.string("subject"));
      RoomRole role = role(in.u8());
      int epoch = in.u32AsInt("epoch");
      int flags = in.u8();
      if ((flags & ~(HAS_COMMITMENT | HAS_KEY)) != 0) {
        throw in.malformed("unknown flags " + flags);
      }
      byte[] commitment = (flags & HAS_COMMITMENT) != 0
          ? in.bytes(ChainHash.SIZE, "commitment") : null;
      MemberKey key = null;
      if ((flags & HAS_KEY) != 0) {
        int keyVersion = in.u32AsInt("key version");
        key = new MemberKey(KeyVersion.of(keyVersion), in.bytes(MemberKey.DIGEST_SIZE, "digest"));
      }
      BoundCheckpoint seen = version == 2 ? BoundCheckpoint.read(in) : null;
      in.end("membership entry");
      return new MembershipRecord(room, sequence, previous, time, action, subject, role, epoch,
          commitment, key, seen);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new MembershipLogException("malformed membership entry: " + e.getMessage());
    }
  }

  private static int roleCode(@Nullable RoomRole role) {
    if (role == null) {
      return 0;
    }
    return switch (role) {
      case OWNER -> 1;
      case MANAGER -> 2;
      case EDITOR -> 3;
      case VIEWER -> 4;
    };
  }

  private static @Nullable RoomRole role(int code) {
    return switch (code) {
      case 0 -> null;
      case 1 -> RoomRole.OWNER;
      case 2 -> RoomRole.MANAGER;
      case 3 -> RoomRole.EDITOR;
      case 4 -> RoomRole.VIEWER;
      default -> throw new MembershipLogException(
          "malformed membership entry: unknown role " + code);
    };
  }
}
