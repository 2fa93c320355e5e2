package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A process remembers the membership states it verified, and then verifies only new entries. A
 * storage operator who rewrites or rolls back entries that the process already verified is still
 * detected; a read that merely raced a legitimate change is read again instead of being reported.
 */
class VerifiedMembershipCacheTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private KeySession alice;
  private KeySession carol;
  private RoomId room;

  /** Log: 0 create (alice), 1 add bob, 2 add carol, 3 add dave, 4 remove dave (epoch 2). */
  @BeforeEach
  void room() {
    alice = fixture.activate("alice");
    fixture.activate("bob").close();
    carol = fixture.activate("carol");
    fixture.activate("dave").close();
    room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    rooms.addMember(alice, room, user("dave"), EMPLOYEE, RoomRole.EDITOR);
    rooms.removeMember(alice, room, user("dave"));
    assertThat(fixture.log(room)).hasSize(5);
  }

  private static List<MembershipEntry> withByteFlipped(List<MembershipEntry> log, int index) {
    List<MembershipEntry> out = new ArrayList<>(log);
    MembershipEntry entry = log.get(index);
    byte[] bytes = entry.entry();
    bytes[bytes.length / 2] ^= 1;
    out.set(index, new MembershipEntry(entry.room(), entry.sequence(), bytes,
        entry.createdAt()));
    return out;
  }

  @Test
  void entryRewrittenAfterThisProcessVerifiedIt_isDetected() {
    assertThat(rooms.open(carol, room).epoch()).isEqualTo(2);
    fixture.storage.views().log = log -> withByteFlipped(log, 4);

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("history was rewritten");
  }

  @Test
  void entryRewrittenBeneathANewOne_isDetected() {
    assertThat(rooms.open(carol, room).epoch()).isEqualTo(2);
    rooms.addMember(alice, room, user("erin"), EMPLOYEE, RoomRole.VIEWER);
    // The new entry chains to the real entry 4, which Carol verified; the operator swaps entry 4
    // for other bytes, hoping Carol checks only the entry she has not seen.
    fixture.storage.views().log = log -> withByteFlipped(log, 4);

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("history was rewritten");
  }

  @Test
  void rollbackOfTheNewestEntry_isDetected_afterTheProcessVerifiedItOnTopOfAnEarlierState() {
    assertThat(rooms.open(carol, room).members()).hasSize(3);
    rooms.addMember(alice, room, user("erin"), EMPLOYEE, RoomRole.VIEWER);
    assertThat(rooms.open(carol, room).members()).hasSize(4);
    // The operator drops Erin's entry and hides her from the member list: a consistent view of
    // the room as it was, which only the state verified last can tell from the truth.
    fixture.storage.views().log = log -> new ArrayList<>(log.subList(0, 5));
    fixture.storage.views().members = members -> members.stream()
        .filter(member -> !member.user().equals(user("erin"))).toList();

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("has 5 entries, but 6 were verified before: it was rolled back");
  }

  @Test
  void storedRoomNamingAnotherCreator_isDetected() {
    fixture.storage.views().room = stored -> new Room(stored.id(), user("bob"),
        stored.createdAt(), stored.epoch(), stored.name(), stored.nameEpoch(), stored.revision());

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("names another creator");
  }

  @Test
  void readThatRacedAChange_isReadAgain_notReportedAsTampering() {
    // The first read of the log is from before the removal, the room row from after it: the
    // stored epoch disagrees, but the log has changed since, so the read is tried again.
    AtomicInteger stale = new AtomicInteger(1);
    fixture.storage.views().log = log -> stale.getAndDecrement() > 0
        ? new ArrayList<>(log.subList(0, 4)) : log;

    assertThat(rooms.open(carol, room).epoch()).isEqualTo(2);
    assertThat(stale.get()).isNegative();
  }

  @Test
  void logThatKeepsChangingWhileItIsRead_isAConflictToTryAgain() {
    AtomicInteger reads = new AtomicInteger();
    fixture.storage.views().log = log -> reads.getAndIncrement() % 2 == 0
        ? new ArrayList<>(log.subList(0, 4)) : log;

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("kept changing");
    assertThat(reads.get()).isEqualTo(6);
  }
}
