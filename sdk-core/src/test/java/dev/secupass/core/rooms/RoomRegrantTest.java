package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Room grants made ready by a reset or by a removal's rotation: the owners and managers are told
 * once per grant, and an open session that can fulfil one does so at once, without a poll.
 */
class RoomRegrantTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();

  private List<GrantReady> readyFor(String audience, String recipient, RoomId room) {
    return fixture.events(GrantReady.class, audience).stream()
        .filter(event -> room.equals(event.room()))
        .filter(event -> event.recipient().user().equals(user(recipient)))
        .toList();
  }

  private List<Grant> grantsOf(String recipient) {
    return fixture.memory.grants().forRecipient(user(recipient));
  }

  @Test
  void reset_isGrantedAtOnceByAnOpenOwnerSession_withoutAPoll() {
    // Bob (manager) added Carol; Alice (owner) never met Carol's keys. When Carol resets, Alice's
    // open session takes the new keys on first use and grants the room straight away.
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    fixture.activate("carol").close();
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    RoomItem file = fixture.upload(rooms, alice, room, null, "terms", new byte[] {5, 6});
    bob.close();

    KeySession carol2 = fixture.reset("carol");

    assertThat(grantsOf("carol")).extracting(Grant::state).containsExactly(GrantState.DONE);
    assertThat(read(rooms.download(carol2, room, file.id()))).containsExactly(5, 6);
    assertThat(readyFor("alice", "carol", room)).hasSize(1);
    // The stored payload names the room as its target and no delivery (docs/format.md).
    assertThat(fixture.memory.events().claim(100, Duration.ofMinutes(1))).filteredOn(
            event -> event.type().equals("grant.ready")
                && event.audience().equals(user("alice"))).singleElement()
        .satisfies(event -> {
          EventPayload payload = EventPayload.decode(event.payload());
          assertThat(payload.get("target")).contains("room:" + room.value());
          assertThat(payload.get("delivery")).isEmpty();
        });
  }

  @Test
  void rotationQueuesAMemberWithAnOpenGrant_withoutTellingTheManagersAgain() {
    // Carol resets; Alice pinned her old key, so the reset's grant waits for Alice to compare
    // fingerprints. Removing Dave then queues Carol again for the new epoch: the same grant.
    KeySession alice = fixture.activate("alice");
    fixture.activate("carol").close();
    fixture.activate("dave").close();
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    rooms.addMember(alice, room, user("dave"), EMPLOYEE, RoomRole.VIEWER);
    KeySession carol2 = fixture.reset("carol");
    assertThat(grantsOf("carol")).extracting(Grant::state).containsExactly(GrantState.READY);
    assertThat(readyFor("alice", "carol", room)).hasSize(1);

    rooms.removeMember(alice, room, user("dave"));

    assertThat(grantsOf("carol")).extracting(Grant::state).containsExactly(GrantState.READY);
    assertThat(readyFor("alice", "carol", room)).hasSize(1);
    fixture.secuPass().reverify(alice, user("carol"), carol2.fingerprint());
    assertThat(rooms.open(carol2, room).epoch()).isEqualTo(2);
  }

  @Test
  void rotationQueuesAMemberWhoseNewKeyOnlyAManagerVerified_andThatManagerGrantsItAtOnce() {
    // Carol reset; Bob (manager) re-verified her and granted the room; Alice (owner) still pins
    // Carol's old key. Alice removes Dave: Carol's new epoch key goes through a new grant, which
    // the owners and managers are told of and Bob's open session fulfils at once.
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    KeySession carol = fixture.activate("carol");
    fixture.activate("dave").close();
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    rooms.addMember(alice, room, user("dave"), EMPLOYEE, RoomRole.VIEWER);
    // Bob compared Carol's first fingerprint too, so neither open session takes her new keys.
    fixture.secuPass().reverify(bob, user("carol"), carol.fingerprint());
    carol.close();
    KeySession carol2 = fixture.reset("carol");
    assertThat(fixture.secuPass().reverify(bob, user("carol"), carol2.fingerprint()).fulfilled())
        .hasSize(1);
    assertThat(readyFor("bob", "carol", room)).hasSize(1);

    rooms.removeMember(alice, room, user("dave"));

    assertThat(readyFor("bob", "carol", room)).hasSize(2);
    assertThat(readyFor("alice", "carol", room)).hasSize(2);
    assertThat(grantsOf("carol")).extracting(Grant::state)
        .containsExactly(GrantState.DONE, GrantState.DONE);
    RoomItem after = fixture.upload(rooms, alice, room, null, "after", new byte[] {9});
    assertThat(read(rooms.download(carol2, room, after.id()))).containsExactly(9);
  }
}
