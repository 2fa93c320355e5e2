package dev.secupass.core.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.ChainHash;
import dev.secupass.core.internal.rooms.MemberKey;
import dev.secupass.core.internal.rooms.MembershipAction;
import dev.secupass.core.internal.rooms.MembershipCodec;
import dev.secupass.core.internal.rooms.MembershipRecord;
import dev.secupass.spi.MembershipEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Membership entries as a storage operator (with some user's keys) could make them. */
final class Forgery {
  private Forgery() {}

  /** An entry properly chained to the end of {@code log}, signed by {@code signer}. */
  static MembershipEntry appended(KeySession signer, List<MembershipEntry> log,
      MembershipAction action, UserId subject, @Nullable RoomRole role, int epoch,
      @Nullable MemberKey key) {
    MembershipEntry last = log.get(log.size() - 1);
    RoomId room = last.room();
    long sequence = last.sequence() + 1;
    MembershipRecord record = new MembershipRecord(room, sequence, ChainHash.of(last.entry()),
        Instant.parse("2026-03-01T10:00:00Z"), action, subject, role, epoch, null, key);
    byte[] signed = signer.sign(SignedType.MEMBERSHIP_ENTRY, MembershipCodec.encode(record));
    return new MembershipEntry(room, sequence, signed, record.time());
  }

  static List<MembershipEntry> plus(List<MembershipEntry> log, MembershipEntry entry) {
    List<MembershipEntry> out = new ArrayList<>(log);
    out.add(entry);
    return out;
  }

  /** {@code log} with the entries at {@code i} and {@code j} swapped, sequences kept in place. */
  static List<MembershipEntry> swapped(List<MembershipEntry> log, int i, int j) {
    List<MembershipEntry> out = new ArrayList<>(log);
    out.set(i, renumbered(log.get(j), i));
    out.set(j, renumbered(log.get(i), j));
    return out;
  }

  /** The stored bytes of {@code entry} under another sequence number in the store's record. */
  static MembershipEntry renumbered(MembershipEntry entry, long sequence) {
    return new MembershipEntry(entry.room(), sequence, entry.entry(), entry.createdAt());
  }
}
