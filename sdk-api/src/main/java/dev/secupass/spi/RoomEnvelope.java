package dev.secupass.spi;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A room's key of one epoch wrapped to one member's public key, signed by the granter.
 *
 * @param room the room
 * @param epoch the key epoch
 * @param member whose key it is wrapped to
 * @param memberKeyVersion the version of that key
 * @param granter who wrapped and signed it
 * @param envelope the encoded envelope (opaque)
 * @param createdAt when
 */
public record RoomEnvelope(
    RoomId room,
    int epoch,
    UserId member,
    KeyVersion memberKeyVersion,
    UserId granter,
    byte[] envelope,
    Instant createdAt) {

  public RoomEnvelope {
    Objects.requireNonNull(room, "room");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more");
    }
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(memberKeyVersion, "memberKeyVersion");
    Objects.requireNonNull(granter, "granter");
    envelope = Bytes.copy(envelope, "envelope");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] envelope() {
    return envelope.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoomEnvelope e
        && room.equals(e.room)
        && epoch == e.epoch
        && member.equals(e.member)
        && memberKeyVersion.equals(e.memberKeyVersion)
        && granter.equals(e.granter)
        && Arrays.equals(envelope, e.envelope)
        && createdAt.equals(e.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(room, epoch, member, memberKeyVersion);
  }

  @Override
  public String toString() {
    return "RoomEnvelope[room=" + room + ", epoch=" + epoch + ", member=" + member
        + ", keyVersion=" + memberKeyVersion + "]";
  }
}
