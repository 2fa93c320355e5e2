package dev.secupass.core.internal.memory;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Everything one data room holds in memory, indexed for the room store's queries. */
final class RoomData {
  /** Members by user id. */
  final NavigableMap<UserId, RoomMember> members = new TreeMap<>();
  /** The membership log; an entry's sequence is its index. */
  final List<MembershipEntry> log = new ArrayList<>();
  /** Each member's envelopes by epoch, then key version. */
  final Map<UserId, NavigableMap<EpochSlot, RoomEnvelope>> envelopesByMember = new HashMap<>();
  /** Each epoch's envelopes by member and key version. */
  final Map<Integer, Map<MemberSlot, RoomEnvelope>> envelopesByEpoch = new HashMap<>();
  /** The folder and file index by id. */
  final NavigableMap<FileId, RoomEntry> entries = new TreeMap<>();
  /** The ids of the entries in each folder (and at the top), for listing one folder. */
  final SetIndex<Parent, FileId> children = new SetIndex<>();

  /** A folder, or the top ({@code id == null}), as the key of {@link #children}. */
  record Parent(@Nullable FileId id) {}

  /** An envelope's place among one member's envelopes. */
  record EpochSlot(int epoch, KeyVersion version) implements Comparable<EpochSlot> {
    @Override
    public int compareTo(EpochSlot other) {
      int byEpoch = Integer.compare(epoch, other.epoch);
      return byEpoch != 0 ? byEpoch : version.compareTo(other.version);
    }
  }

  /** An envelope's place among one epoch's envelopes. */
  record MemberSlot(UserId member, KeyVersion version) {}
}
