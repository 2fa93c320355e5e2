package dev.secupass.core.relay;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a member's client needs to verify a data room and hold its keys ({@link
 * ClientRelay#room}): the signed membership log, the public-key bundles it names, the member's
 * envelopes and the sealed room name. The client verifies the log (chain, signatures under the
 * keys the log records, the rules, and entry 0's creator key against its own pin), then opens its
 * envelopes and checks each key against the log's commitment of its epoch.
 *
 * @param id the room
 * @param epoch the room's current key epoch, as the relay verified the log
 * @param nameEpoch the epoch whose key seals the name
 * @param sealedName the room's sealed name
 * @param log every membership-log entry (signed statements), entry 0 first
 * @param keys the public-key bundle of every user and key version the log names (signers and
 *     recorded member keys) and of the granters of {@code envelopes}
 * @param envelopes the reader's envelopes of the epoch keys, for their active key version
 * @param members the members and their roles, as the verified log establishes them
 */
public record ClientRoomCopy(RoomId id, int epoch, int nameEpoch, byte[] sealedName,
    List<byte[]> log, List<byte[]> keys, List<byte[]> envelopes,
    SortedMap<UserId, RoomRole> members) {
  public ClientRoomCopy {
    Objects.requireNonNull(id, "id");
    sealedName = sealedName.clone();
    log = copy(log);
    keys = copy(keys);
    envelopes = copy(envelopes);
    members = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(members));
  }

  private static List<byte[]> copy(List<byte[]> values) {
    return values.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] sealedName() {
    return sealedName.clone();
  }

  @Override
  public List<byte[]> log() {
    return copy(log);
  }

  @Override
  public List<byte[]> keys() {
    return copy(keys);
  }

  @Override
  public List<byte[]> envelopes() {
    return copy(envelopes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRoomCopy c && id.equals(c.id) && epoch == c.epoch
        && nameEpoch == c.nameEpoch && Arrays.equals(sealedName, c.sealedName)
        && same(log, c.log) && same(keys, c.keys) && same(envelopes, c.envelopes)
        && members.equals(c.members);
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ClientRoomCopy[id=" + id + ", epoch=" + epoch + ", entries=" + log.size()
        + ", members=" + members.size() + "]";
  }
}
