package dev.secupass.core.internal.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.MembershipEntry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Makes signed membership-log entries that continue a verified state. */
final class MembershipEntries {
  private MembershipEntries() {}

  /** The room's first entry: {@code creator} founds it as owner with the epoch-1 key committed. */
  static MembershipEntry create(KeySession creator, RoomId room, byte[] commitment,
      Instant now, BoundCheckpoint seen) {
    MembershipRecord record = new MembershipRecord(room, 0, ChainHash.genesis(), now,
        MembershipAction.CREATE, creator.user(), RoomRole.OWNER, 1, commitment,
        MemberKey.of(creator.publicKeys()), seen);
    return signed(creator, record);
  }

  /**
   * The entry after {@code state}, signed by {@code signer}.
   *
   * @param commitment the new epoch key's commitment for {@code REMOVE}, else {@code null}
   * @param seen the key-log checkpoint the signer's SDK relies on now (version-2 entries)
   */
  static MembershipEntry next(KeySession signer, MembershipState state,
      MembershipAction action, UserId subject, @Nullable RoomRole role,
      byte @Nullable [] commitment, @Nullable MemberKey subjectKey, Instant now,
      BoundCheckpoint seen) {
    int epoch = action.startsEpoch() ? state.epoch() + 1 : state.epoch();
    MembershipRecord record = new MembershipRecord(state.room(), state.sequence() + 1,
        state.head(), now, action, subject, role, epoch, commitment, subjectKey, seen);
    return signed(signer, record);
  }

  private static MembershipEntry signed(KeySession signer, MembershipRecord record) {
    byte[] statement = signer.sign(SignedType.MEMBERSHIP_ENTRY, MembershipCodec.encode(record));
    return new MembershipEntry(record.room(), record.sequence(), statement, record.time());
  }
}
