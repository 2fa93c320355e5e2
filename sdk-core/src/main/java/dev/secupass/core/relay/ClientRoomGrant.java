package dev.secupass.core.relay;

import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A room grant an owner's or manager's client can fulfil ({@link ClientRelay#pendingRoomGrants}):
 * a member who has keys now but no envelope of the room's epoch keys (added before they had a
 * SecuPass, added with keys nobody verified yet, or reset since). The client reads the room
 * ({@link ClientRelay#room}), checks the member's keys against its pin (or has the manager compare
 * safety words), opens its own envelopes, checks each key against the log's commitment and wraps
 * every epoch's key to the member ({@link ClientRelay#fulfilRoomGrant}).
 *
 * @param id the grant
 * @param room the room
 * @param member who waits
 * @param memberPublicKeys the member's active public-key bundle
 */
public record ClientRoomGrant(GrantId id, RoomId room, Person member, byte[] memberPublicKeys) {
  public ClientRoomGrant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(member, "member");
    memberPublicKeys = memberPublicKeys.clone();
  }

  @Override
  public byte[] memberPublicKeys() {
    return memberPublicKeys.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRoomGrant g && id.equals(g.id) && room.equals(g.room)
        && member.equals(g.member) && Arrays.equals(memberPublicKeys, g.memberPublicKeys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, room, member);
  }

  @Override
  public String toString() {
    return "ClientRoomGrant[id=" + id + ", room=" + room + ", member=" + member + "]";
  }
}
