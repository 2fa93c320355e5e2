package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.api.Page;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RoomStore}: rooms and their epochs, the membership log, members,
 * envelopes, and the folder and file index.
 */
@DisplayName("RoomStore contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class RoomStoreContractTest extends StorageContract {

  RoomStore rooms() {
    return storage.rooms();
  }

  /** A new room, as stored (revision 1). */
  Room createdRoom() {
    return rooms().create(Samples.room(Samples.roomId(), Samples.user(), clock.instant()));
  }

  MembershipEntry logEntry(RoomId room, long sequence) {
    return new MembershipEntry(room, sequence, Samples.bytes(80), clock.instant());
  }

  RoomEnvelope envelope(RoomId room, int epoch, UserId member, KeyVersion version) {
    return Samples.roomEnvelope(room, epoch, member, version, Samples.user(), clock.instant());
  }

  RoomEntry folder(RoomId room, @Nullable FileId parent) {
    return rooms().createEntry(Samples.folder(room, Samples.fileId(), parent, clock.instant()));
  }

  RoomEntry file(RoomId room, @Nullable FileId parent) {
    return rooms().createEntry(Samples.file(room, Samples.fileId(), parent, clock.instant()));
  }

  @Nested
  @DisplayName("RoomStore rooms and epochs")
  class Rooms {
    @Test
    @DisplayName("stores a new room at revision 1, found exactly as stored")
    void create_thenFind_returnsItAtRevisionOne() {
      Room room = Samples.room(Samples.roomId(), Samples.user(), clock.instant());

      Room stored = rooms().create(room);

      assertThat(stored).isEqualTo(room.withRevision(1));
      assertThat(rooms().find(room.id())).contains(stored);
    }

    @Test
    @DisplayName("rejects a new room whose revision is not 0")
    void create_nonZeroRevision_throwsIllegalArgument() {
      Room room = Samples.room(Samples.roomId(), Samples.user(), clock.instant()).withRevision(1);

      assertThatThrownBy(() -> rooms().create(room)).isInstanceOf(IllegalArgumentException.class);
      assertThat(rooms().find(room.id())).isEmpty();
    }

    @Test
    @DisplayName("finds nothing for an unknown room")
    void find_unknown_isEmpty() {
      assertThat(rooms().find(Samples.roomId())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a taken room id, keeping the first room")
    void create_takenId_conflicts() {
      Room room = createdRoom();

      assertThatThrownBy(() -> rooms().create(
          Samples.room(room.id(), Samples.user(), clock.instant())))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().find(room.id())).contains(room);
    }

    @Test
    @DisplayName("advances the epoch by one from the expected epoch and increments the revision")
    void advanceEpoch_expected_advancesAndIncrementsRevision() {
      Room room = createdRoom();

      Room advanced = rooms().advanceEpoch(room.id(), 1);

      assertThat(advanced).isEqualTo(room.withEpoch(2).withRevision(2));
      assertThat(rooms().find(room.id())).contains(advanced);
    }

    @Test
    @DisplayName("conflicts when the epoch is not the expected one")
    void advanceEpoch_unexpected_conflicts() {
      Room room = createdRoom();

      assertThatThrownBy(() -> rooms().advanceEpoch(room.id(), 2))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().find(room.id())).contains(room);
    }

    @Test
    @DisplayName("throws NotFound when advancing an unknown room")
    void advanceEpoch_unknown_throwsNotFound() {
      assertThatThrownBy(() -> rooms().advanceEpoch(Samples.roomId(), 1))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("of many racing rotations from one epoch exactly one wins")
    void advanceEpoch_racing_exactlyOneWins() {
      Room room = createdRoom();

      Race.exactlyOneWinner(Race.run(i -> rooms().advanceEpoch(room.id(), 1)));

      assertThat(rooms().find(room.id()).orElseThrow().epoch()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("RoomStore.updateRoom")
  class RoomUpdates {
    @Test
    @DisplayName("replaces the name and its epoch at the read revision and increments the revision")
    void updateRoom_currentRevision_replacesNameAndIncrements() {
      Room room = rooms().advanceEpoch(createdRoom().id(), 1);
      Room renamed = room.withName(Samples.bytes(30), 2);

      Room stored = rooms().updateRoom(renamed);

      assertThat(stored).isEqualTo(renamed.withRevision(room.revision() + 1));
      assertThat(rooms().find(room.id())).contains(stored);
    }

    @Test
    @DisplayName("keeps the stored creator, creation time and epoch whatever the update carries")
    void updateRoom_otherFields_keepsStoredOnes() {
      Room room = createdRoom();
      byte[] name = Samples.bytes(30);
      Room forged = new Room(room.id(), Samples.user(), room.createdAt().plusSeconds(60), 5,
          name, 1, room.revision());

      Room stored = rooms().updateRoom(forged);

      assertThat(stored).isEqualTo(room.withName(name, 1).withRevision(room.revision() + 1));
      assertThat(rooms().find(room.id())).contains(stored);
    }

    @Test
    @DisplayName("conflicts on a stale revision, changing nothing")
    void updateRoom_staleRevision_conflicts() {
      Room room = createdRoom();
      Room current = rooms().updateRoom(room.withName(Samples.bytes(30), 1));

      assertThatThrownBy(() -> rooms().updateRoom(room.withName(Samples.bytes(31), 1)))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().find(room.id())).contains(current);
    }

    @Test
    @DisplayName("conflicts when the epoch advanced since the room was read, changing nothing")
    void updateRoom_afterAdvanceEpoch_conflicts() {
      Room room = createdRoom();
      Room advanced = rooms().advanceEpoch(room.id(), 1);

      assertThatThrownBy(() -> rooms().updateRoom(room.withName(Samples.bytes(30), 1)))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().find(room.id())).contains(advanced);
    }

    @Test
    @DisplayName("rejects a name sealed under an epoch the room has not reached, changing nothing")
    void updateRoom_nameEpochAboveStored_throwsIllegalArgument() {
      Room room = createdRoom();
      Room ahead = new Room(room.id(), room.createdBy(), room.createdAt(), 2, Samples.bytes(30),
          2, room.revision());

      assertThatThrownBy(() -> rooms().updateRoom(ahead))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(rooms().find(room.id())).contains(room);
    }

    @Test
    @DisplayName("throws NotFound for an unknown room")
    void updateRoom_unknown_throwsNotFound() {
      Room unknown = Samples.room(Samples.roomId(), Samples.user(), clock.instant())
          .withRevision(1);

      assertThatThrownBy(() -> rooms().updateRoom(unknown))
          .isInstanceOf(NotFoundException.class);
      assertThat(rooms().find(unknown.id())).isEmpty();
    }

    @Test
    @DisplayName("of many racing renames at one revision exactly one wins")
    void updateRoom_racing_exactlyOneWins() {
      Room room = createdRoom();

      Room winner = Race.exactlyOneWinner(Race.run(i ->
          rooms().updateRoom(room.withName(Samples.bytes(30), 1))));

      assertThat(rooms().find(room.id())).contains(winner);
      assertThat(winner.revision()).isEqualTo(room.revision() + 1);
    }
  }

  @Nested
  @DisplayName("RoomStore membership log")
  class MembershipLog {
    @Test
    @DisplayName("appends entries numbered from 0 and returns the log by sequence")
    void appendMembership_inSequence_keepsThemInOrder() {
      Room room = createdRoom();
      List<MembershipEntry> entries =
          IntStream.range(0, 4).mapToObj(i -> logEntry(room.id(), i)).toList();

      entries.forEach(rooms()::appendMembership);

      assertThat(rooms().membershipLog(room.id())).containsExactlyElementsOf(entries);
    }

    @Test
    @DisplayName("conflicts on a sequence that repeats or leaves a gap")
    void appendMembership_wrongSequence_conflicts() {
      Room room = createdRoom();
      MembershipEntry first = logEntry(room.id(), 0);
      rooms().appendMembership(first);

      assertThatThrownBy(() -> rooms().appendMembership(logEntry(room.id(), 0)))
          .isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> rooms().appendMembership(logEntry(room.id(), 2)))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().membershipLog(room.id())).containsExactly(first);
    }

    @Test
    @DisplayName("conflicts on a first entry whose sequence is not 0")
    void appendMembership_emptyLogNonZero_conflicts() {
      Room room = createdRoom();

      assertThatThrownBy(() -> rooms().appendMembership(logEntry(room.id(), 1)))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().membershipLog(room.id())).isEmpty();
    }

    @Test
    @DisplayName("throws NotFound when appending to an unknown room; its log is empty")
    void appendMembership_unknownRoom_throwsNotFound() {
      RoomId unknown = Samples.roomId();

      assertThatThrownBy(() -> rooms().appendMembership(logEntry(unknown, 0)))
          .isInstanceOf(NotFoundException.class);
      assertThat(rooms().membershipLog(unknown)).isEmpty();
    }

    @Test
    @DisplayName("of many racing appends of one sequence exactly one wins")
    void appendMembership_racing_exactlyOneWins() {
      Room room = createdRoom();
      rooms().appendMembership(logEntry(room.id(), 0));

      MembershipEntry winner = Race.exactlyOneWinner(Race.run(i -> {
        MembershipEntry entry = logEntry(room.id(), 1);
        rooms().appendMembership(entry);
        return entry;
      }));

      assertThat(rooms().membershipLog(room.id())).hasSize(2).endsWith(winner);
    }
  }

  @Nested
  @DisplayName("RoomStore members")
  class Members {
    @Test
    @DisplayName("adds members, finds them, and lists them by user id")
    void putMember_thenFindAndList_byUserId() {
      Room room = createdRoom();
      List<RoomMember> added = new ArrayList<>();
      for (RoomRole role : RoomRole.values()) {
        RoomMember member = Samples.member(room.id(), Samples.user(), role, clock.instant());
        rooms().putMember(member);
        added.add(member);
      }

      assertThat(rooms().members(room.id())).containsExactlyElementsOf(
          added.stream().sorted(Comparator.comparing(RoomMember::user)).toList());
      assertThat(rooms().findMember(room.id(), added.get(2).user())).contains(added.get(2));
    }

    @Test
    @DisplayName("replaces a member's record when their role changes")
    void putMember_again_replaces() {
      Room room = createdRoom();
      UserId user = Samples.user();
      rooms().putMember(Samples.member(room.id(), user, RoomRole.VIEWER, clock.instant()));
      RoomMember promoted = Samples.member(room.id(), user, RoomRole.MANAGER,
          clock.advance(java.time.Duration.ofMinutes(1)));

      rooms().putMember(promoted);

      assertThat(rooms().members(room.id())).containsExactly(promoted);
    }

    @Test
    @DisplayName("throws NotFound when adding a member to an unknown room")
    void putMember_unknownRoom_throwsNotFound() {
      RoomId unknown = Samples.roomId();

      assertThatThrownBy(() -> rooms().putMember(
          Samples.member(unknown, Samples.user(), RoomRole.EDITOR, clock.instant())))
          .isInstanceOf(NotFoundException.class);
      assertThat(rooms().members(unknown)).isEmpty();
    }

    @Test
    @DisplayName("removes a member once; removing a non-member returns false")
    void removeMember_thenAgain_false() {
      Room room = createdRoom();
      UserId user = Samples.user();
      rooms().putMember(Samples.member(room.id(), user, RoomRole.EDITOR, clock.instant()));

      assertThat(rooms().removeMember(room.id(), user)).isTrue();
      assertThat(rooms().removeMember(room.id(), user)).isFalse();
      assertThat(rooms().findMember(room.id(), user)).isEmpty();
      assertThat(rooms().removeMember(Samples.roomId(), user)).isFalse();
    }

    @Test
    @DisplayName("lists the rooms of a member with their member record, by room id, following"
        + " additions, role changes and removals")
    void roomsOf_followsMembership_byRoomIdWithRecord() {
      UserId user = Samples.user();
      List<Room> joined = IntStream.range(0, 4).mapToObj(i -> createdRoom()).toList();
      List<RoomMember> records = new ArrayList<>();
      for (int i = 0; i < joined.size(); i++) {
        RoomMember record = Samples.member(joined.get(i).id(), user, RoomRole.values()[i],
            clock.instant());
        rooms().putMember(record);
        rooms().putMember(Samples.member(joined.get(i).id(), Samples.user(), RoomRole.OWNER,
            clock.instant()));
        records.add(record);
      }
      RoomMember promoted = Samples.member(joined.get(3).id(), user, RoomRole.MANAGER,
          clock.advance(java.time.Duration.ofMinutes(1)));
      rooms().putMember(promoted);
      records.set(3, promoted);
      Room renamed = rooms().updateRoom(joined.get(2).withName(Samples.bytes(30), 1));
      rooms().removeMember(joined.get(1).id(), user);
      createdRoom();

      List<MemberRoom> expected = new ArrayList<>();
      for (int i : new int[] {0, 2, 3}) {
        expected.add(new MemberRoom(i == 2 ? renamed : joined.get(i), records.get(i)));
      }
      expected.sort(Comparator.comparing(listed -> listed.room().id()));
      assertThat(rooms().roomsOf(user)).containsExactlyElementsOf(expected);
      assertThat(rooms().roomsOf(Samples.user())).isEmpty();
    }
  }

  @Nested
  @DisplayName("RoomStore envelopes")
  class Envelopes {
    @Test
    @DisplayName("finds a stored envelope by room, epoch, member and key version")
    void putEnvelope_thenFind_returnsIt() {
      Room room = createdRoom();
      RoomEnvelope envelope = envelope(room.id(), 1, Samples.user(), KeyVersion.FIRST);

      rooms().putEnvelope(envelope);

      assertThat(rooms().findEnvelope(room.id(), 1, envelope.member(), KeyVersion.FIRST))
          .contains(envelope);
      assertThat(rooms().findEnvelope(room.id(), 2, envelope.member(), KeyVersion.FIRST))
          .isEmpty();
    }

    @Test
    @DisplayName("replaces the envelope of the same room, epoch, member and key version")
    void putEnvelope_sameSlot_replaces() {
      Room room = createdRoom();
      UserId member = Samples.user();
      rooms().putEnvelope(envelope(room.id(), 1, member, KeyVersion.FIRST));
      RoomEnvelope again = envelope(room.id(), 1, member, KeyVersion.FIRST);

      rooms().putEnvelope(again);

      assertThat(rooms().envelopes(room.id(), member)).containsExactly(again);
      assertThat(rooms().envelopesOfEpoch(room.id(), 1)).containsExactly(again);
    }

    @Test
    @DisplayName("lists a member's envelopes by epoch, then key version")
    void envelopes_ofMember_byEpochThenVersion() {
      Room room = createdRoom();
      UserId member = Samples.user();
      RoomEnvelope e2v1 = envelope(room.id(), 2, member, KeyVersion.FIRST);
      RoomEnvelope e1v2 = envelope(room.id(), 1, member, KeyVersion.of(2));
      RoomEnvelope e1v1 = envelope(room.id(), 1, member, KeyVersion.FIRST);
      RoomEnvelope e10v1 = envelope(room.id(), 10, member, KeyVersion.FIRST);
      List.of(e2v1, e10v1, e1v2, e1v1).forEach(rooms()::putEnvelope);
      rooms().putEnvelope(envelope(room.id(), 1, Samples.user(), KeyVersion.FIRST));

      assertThat(rooms().envelopes(room.id(), member)).containsExactly(e1v1, e1v2, e2v1, e10v1);
    }

    @Test
    @DisplayName("lists every member's envelope of one epoch")
    void envelopesOfEpoch_everyMember() {
      Room room = createdRoom();
      RoomEnvelope a = envelope(room.id(), 3, Samples.user(), KeyVersion.FIRST);
      RoomEnvelope b = envelope(room.id(), 3, Samples.user(), KeyVersion.of(2));
      List.of(a, b, envelope(room.id(), 2, a.member(), KeyVersion.FIRST))
          .forEach(rooms()::putEnvelope);

      assertThat(rooms().envelopesOfEpoch(room.id(), 3)).containsExactlyInAnyOrder(a, b);
      assertThat(rooms().envelopesOfEpoch(room.id(), 4)).isEmpty();
    }

    @Test
    @DisplayName("deletes every envelope of a member and counts them, sparing other members")
    void deleteEnvelopes_ofMember_countsAndSparesOthers() {
      Room room = createdRoom();
      UserId leaving = Samples.user();
      RoomEnvelope staying = envelope(room.id(), 1, Samples.user(), KeyVersion.FIRST);
      List.of(envelope(room.id(), 1, leaving, KeyVersion.FIRST),
          envelope(room.id(), 2, leaving, KeyVersion.FIRST), staying)
          .forEach(rooms()::putEnvelope);

      assertThat(rooms().deleteEnvelopes(room.id(), leaving)).isEqualTo(2);

      assertThat(rooms().envelopes(room.id(), leaving)).isEmpty();
      assertThat(rooms().envelopesOfEpoch(room.id(), 1)).containsExactly(staying);
      assertThat(rooms().envelopesOfEpoch(room.id(), 2)).isEmpty();
      assertThat(rooms().deleteEnvelopes(room.id(), leaving)).isZero();
    }

    @Test
    @DisplayName("throws NotFound when storing an envelope of an unknown room")
    void putEnvelope_unknownRoom_throwsNotFound() {
      RoomId unknown = Samples.roomId();
      UserId member = Samples.user();

      assertThatThrownBy(() -> rooms().putEnvelope(envelope(unknown, 1, member,
          KeyVersion.FIRST))).isInstanceOf(NotFoundException.class);
      assertThat(rooms().envelopes(unknown, member)).isEmpty();
    }
  }

  @Nested
  @DisplayName("RoomStore entries")
  class Entries {
    @Test
    @DisplayName("creates a folder and a file in it at revision 1, found as stored")
    void createEntry_folderAndFile_revisionOne() {
      Room room = createdRoom();
      RoomEntry folder = Samples.folder(room.id(), Samples.fileId(), null, clock.instant());
      RoomEntry file = Samples.file(room.id(), Samples.fileId(), folder.id(), clock.instant());

      assertThat(rooms().createEntry(folder)).isEqualTo(folder.withRevision(1));
      assertThat(rooms().createEntry(file)).isEqualTo(file.withRevision(1));
      assertThat(rooms().findEntry(room.id(), file.id())).contains(file.withRevision(1));
    }

    @Test
    @DisplayName("rejects a new entry whose revision is not 0")
    void createEntry_nonZeroRevision_throwsIllegalArgument() {
      Room room = createdRoom();
      RoomEntry entry = Samples.file(room.id(), Samples.fileId(), null, clock.instant())
          .withRevision(1);

      assertThatThrownBy(() -> rooms().createEntry(entry))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(rooms().findEntry(room.id(), entry.id())).isEmpty();
    }

    @Test
    @DisplayName("throws NotFound for an unknown room or a parent folder that does not exist")
    void createEntry_unknownRoomOrParent_throwsNotFound() {
      Room room = createdRoom();
      RoomEntry orphan = Samples.file(room.id(), Samples.fileId(), Samples.fileId(),
          clock.instant());
      RoomEntry nowhere = Samples.file(Samples.roomId(), Samples.fileId(), null, clock.instant());

      assertThatThrownBy(() -> rooms().createEntry(orphan)).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> rooms().createEntry(nowhere))
          .isInstanceOf(NotFoundException.class);
      assertThat(rooms().findEntry(room.id(), orphan.id())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on an entry id the room already has")
    void createEntry_takenId_conflicts() {
      Room room = createdRoom();
      RoomEntry first = file(room.id(), null);

      assertThatThrownBy(() -> rooms().createEntry(
          Samples.folder(room.id(), first.id(), null, clock.instant())))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().findEntry(room.id(), first.id())).contains(first);
    }

    @Test
    @DisplayName("does not find an entry through another room")
    void findEntry_otherRoom_isEmpty() {
      RoomEntry entry = file(createdRoom().id(), null);

      assertThat(rooms().findEntry(createdRoom().id(), entry.id())).isEmpty();
      assertThat(rooms().findEntry(entry.room(), Samples.fileId())).isEmpty();
    }

    @Test
    @DisplayName("pages through a room's entries by id, visiting each once")
    void entries_paging_byIdEachOnce() {
      Room room = createdRoom();
      RoomEntry top = folder(room.id(), null);
      List<RoomEntry> all = new ArrayList<>(List.of(top));
      IntStream.range(0, 22).forEach(i -> all.add(file(room.id(), i % 2 == 0 ? top.id() : null)));
      file(createdRoom().id(), null);

      List<RoomEntry> paged = Paging.all(p -> rooms().entries(room.id(), p), 5);

      assertThat(paged).containsExactlyElementsOf(
          all.stream().sorted(Comparator.comparing(RoomEntry::id)).toList());
      assertThat(rooms().entries(room.id(), PageRequest.first(23)).hasNext()).isFalse();
      assertThat(rooms().entries(Samples.roomId(), PageRequest.first(5)).items()).isEmpty();
    }

    @Test
    @DisplayName("lists only the entries directly in a folder, by id, page by page")
    void entriesIn_folder_onlyItsOwnByIdPaged() {
      Room room = createdRoom();
      RoomEntry folder = folder(room.id(), null);
      RoomEntry other = folder(room.id(), null);
      List<RoomEntry> inside = new ArrayList<>();
      RoomEntry nested = folder(room.id(), folder.id());
      inside.add(nested);
      IntStream.range(0, 12).forEach(i -> inside.add(file(room.id(), folder.id())));
      IntStream.range(0, 3).forEach(i -> {
        file(room.id(), other.id());
        file(room.id(), nested.id());
        file(room.id(), null);
      });

      List<RoomEntry> paged = Paging.all(p -> rooms().entriesIn(room.id(), folder.id(), p), 5);

      assertThat(paged).containsExactlyElementsOf(
          inside.stream().sorted(Comparator.comparing(RoomEntry::id)).toList());
      assertThat(rooms().entriesIn(room.id(), folder.id(), PageRequest.first(13)).hasNext())
          .isFalse();
    }

    @Test
    @DisplayName("lists the entries at the top for no folder, by id")
    void entriesIn_top_onlyTopLevelById() {
      Room room = createdRoom();
      List<RoomEntry> top = new ArrayList<>();
      RoomEntry folder = folder(room.id(), null);
      top.add(folder);
      IntStream.range(0, 6).forEach(i -> {
        top.add(file(room.id(), null));
        file(room.id(), folder.id());
      });
      file(createdRoom().id(), null);

      List<RoomEntry> paged = Paging.all(p -> rooms().entriesIn(room.id(), null, p), 3);

      assertThat(paged).containsExactlyElementsOf(
          top.stream().sorted(Comparator.comparing(RoomEntry::id)).toList());
    }

    @Test
    @DisplayName("lists an entry in the folder it was moved to, not in the one it left, and a"
        + " deleted entry nowhere")
    void entriesIn_afterMoveAndDelete_followsTheIndex() {
      Room room = createdRoom();
      RoomEntry from = folder(room.id(), null);
      RoomEntry to = folder(room.id(), null);
      RoomEntry moving = file(room.id(), from.id());
      RoomEntry deleted = file(room.id(), from.id());
      RoomEntry staying = file(room.id(), from.id());
      RoomEntry moved = rooms().updateEntry(new RoomEntry(room.id(), moving.id(), to.id(),
          RoomEntry.Kind.FILE, 1, Samples.bytes(20), moving.blob(), moving.size(),
          moving.header(), moving.createdAt(), moving.revision()));
      rooms().deleteEntry(room.id(), deleted.id());

      assertThat(rooms().entriesIn(room.id(), from.id(), PageRequest.first(10)).items())
          .containsExactly(staying);
      assertThat(rooms().entriesIn(room.id(), to.id(), PageRequest.first(10)).items())
          .containsExactly(moved);
    }

    @Test
    @DisplayName("lists nothing in a file, a folder the room does not have, or an unknown room")
    void entriesIn_fileUnknownFolderOrRoom_isEmpty() {
      Room room = createdRoom();
      RoomEntry folder = folder(room.id(), null);
      RoomEntry file = file(room.id(), folder.id());
      RoomEntry elsewhere = folder(createdRoom().id(), null);
      file(elsewhere.room(), elsewhere.id());

      assertThat(rooms().entriesIn(room.id(), file.id(), PageRequest.first(5)).items()).isEmpty();
      assertThat(rooms().entriesIn(room.id(), Samples.fileId(), PageRequest.first(5)).items())
          .isEmpty();
      assertThat(rooms().entriesIn(room.id(), elsewhere.id(), PageRequest.first(5)).items())
          .isEmpty();
      assertThat(rooms().entriesIn(Samples.roomId(), null, PageRequest.first(5)).items())
          .isEmpty();
      assertThat(rooms().entriesIn(Samples.roomId(), folder.id(), PageRequest.first(5)).hasNext())
          .isFalse();
    }

    @Test
    @DisplayName("keeps paging a folder stable while entries arrive in it: no repeats, no skips")
    void entriesIn_insertsWhilePaging_noRepeatsOrSkips() {
      Room room = createdRoom();
      RoomEntry folder = folder(room.id(), null);
      List<RoomEntry> before = IntStream.range(0, 12)
          .mapToObj(i -> file(room.id(), folder.id())).toList();
      Page<RoomEntry> page = rooms().entriesIn(room.id(), folder.id(), PageRequest.first(4));
      List<RoomEntry> seen = new ArrayList<>(page.items());
      while (page.hasNext()) {
        IntStream.range(0, 3).forEach(i -> file(room.id(), folder.id()));
        page = rooms().entriesIn(room.id(), folder.id(), page.next(4).orElseThrow());
        seen.addAll(page.items());
      }

      assertThat(seen).doesNotHaveDuplicates().containsAll(before)
          .isSortedAccordingTo(Comparator.comparing(RoomEntry::id));
    }

    @Test
    @DisplayName("updates an entry at its read revision and increments the revision")
    void updateEntry_currentRevision_increments() {
      Room room = createdRoom();
      RoomEntry target = folder(room.id(), null);
      RoomEntry file = file(room.id(), null);
      RoomEntry moved = new RoomEntry(room.id(), file.id(), target.id(), RoomEntry.Kind.FILE, 2,
          Samples.bytes(20), file.blob(), file.size(), Samples.bytes(90), file.createdAt(),
          file.revision());

      RoomEntry stored = rooms().updateEntry(moved);

      assertThat(stored).isEqualTo(moved.withRevision(2));
      assertThat(rooms().findEntry(room.id(), file.id())).contains(stored);
    }

    @Test
    @DisplayName("conflicts on a stale revision and throws NotFound for an unknown entry")
    void updateEntry_staleOrUnknown_fails() {
      Room room = createdRoom();
      RoomEntry file = file(room.id(), null);
      RoomEntry current = rooms().updateEntry(file);

      assertThatThrownBy(() -> rooms().updateEntry(file)).isInstanceOf(ConflictException.class);
      assertThat(rooms().findEntry(room.id(), file.id())).contains(current);
      assertThatThrownBy(() -> rooms().updateEntry(
          Samples.file(room.id(), Samples.fileId(), null, clock.instant()).withRevision(1)))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("of many racing updates at one revision exactly one wins")
    void updateEntry_racing_exactlyOneWins() {
      RoomEntry file = file(createdRoom().id(), null);

      RoomEntry winner = Race.exactlyOneWinner(Race.run(i -> rooms().updateEntry(file)));

      assertThat(rooms().findEntry(file.room(), file.id())).contains(winner);
      assertThat(winner.revision()).isEqualTo(2);
    }

    @Test
    @DisplayName("deletes an entry once; deleting a missing one returns false")
    void deleteEntry_thenAgain_false() {
      RoomEntry file = file(createdRoom().id(), null);

      assertThat(rooms().deleteEntry(file.room(), file.id())).isTrue();
      assertThat(rooms().deleteEntry(file.room(), file.id())).isFalse();
      assertThat(rooms().findEntry(file.room(), file.id())).isEmpty();
    }

    @Test
    @DisplayName("conflicts when deleting a folder that is not empty, until it is")
    void deleteEntry_nonEmptyFolder_conflicts() {
      Room room = createdRoom();
      RoomEntry folder = folder(room.id(), null);
      RoomEntry child = file(room.id(), folder.id());

      assertThatThrownBy(() -> rooms().deleteEntry(room.id(), folder.id()))
          .isInstanceOf(ConflictException.class);
      assertThat(rooms().findEntry(room.id(), folder.id())).contains(folder);

      rooms().deleteEntry(room.id(), child.id());
      assertThat(rooms().deleteEntry(room.id(), folder.id())).isTrue();
    }
  }
}
