package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.StaleEpochException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.keys.KeySession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input and bad timing get typed errors and leave nothing behind. */
class RoomErrorsTest {
  private final RoomFixture fixture = new RoomFixture();
  private KeySession alice;
  private RoomId room;

  @BeforeEach
  void room() {
    alice = fixture.activate("alice");
    fixture.activate("bob").close();
    room = fixture.rooms().create(RoomFixture.employee(alice), alice, "Errors");
    fixture.rooms().addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.EDITOR);
  }

  @Test
  void roomsOf_userWithoutSecuPass_throwsSecuPassRequired() {
    assertThatThrownBy(() -> fixture.rooms().roomsOf(user("nobody")))
        .isInstanceOf(SecuPassRequiredException.class);
  }

  @Test
  void sessionOutdatedByAReset_throwsSessionClosed() {
    KeySession bob = fixture.unlock("bob");
    fixture.reset("bob").close();
    assertThatThrownBy(() -> fixture.rooms().list(bob, room, null))
        .isInstanceOf(SessionClosedException.class);
    assertThatThrownBy(() -> fixture.rooms().create(SignedInUser.employee(user("bob")), bob, "x"))
        .isInstanceOf(SessionClosedException.class);
  }

  @Test
  void create_withAnotherUsersSession_isRefused() {
    assertThatThrownBy(() -> fixture.rooms().create(SignedInUser.employee(user("bob")), alice,
        "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uploadMeetingANewEpoch_withoutRetry_throwsStaleEpochAndLeavesNothing() {
    RoomFixture once = new RoomFixture(1);
    DataRooms rooms = once.rooms();
    KeySession owner = once.activate("alice");
    once.activate("bob").close();
    RoomId late = rooms.create(RoomFixture.employee(owner), owner, "Errors");
    rooms.addMember(owner, late, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    once.storage.beforeNextTransaction(() -> rooms.removeMember(owner, late, user("bob")));

    assertThatThrownBy(() -> once.upload(rooms, owner, late, null, "late", new byte[100]))
        .isInstanceOf(StaleEpochException.class)
        .satisfies(e -> assertThat(((StaleEpochException) e).current()).isEqualTo(2));
    assertThat(once.memory.rooms().entries(late, PageRequest.first(10)).items()).isEmpty();
    assertThat(once.blobs.committed()).isEmpty();
  }

  @Test
  void uploadMeetingANewEpoch_isSealedAgainUnderIt() {
    DataRooms rooms = fixture.rooms();
    fixture.storage.beforeNextTransaction(() ->
        fixture.rooms().removeMember(alice, room, user("bob")));

    RoomItem item = fixture.upload(rooms, alice, room, null, "late", new byte[] {5});

    assertThat(item.epoch()).isEqualTo(2);
    assertThat(read(rooms.download(alice, room, item.id()))).containsExactly(5);
    assertThat(fixture.blobs.committed()).hasSize(1);
  }

  @Test
  void uploaderRemovedDuringTheUpload_isRefusedAndLeavesNothing() {
    KeySession bob = fixture.unlock("bob");
    fixture.storage.beforeNextTransaction(() ->
        fixture.rooms().removeMember(alice, room, user("bob")));

    assertThatThrownBy(() -> fixture.upload(fixture.rooms(), bob, room, null, "x", new byte[9]))
        .isInstanceOf(NotPermittedException.class);
    assertThat(entries()).isZero();
    assertThat(fixture.blobs.committed()).isEmpty();
  }

  @Test
  @SuppressWarnings("InputStreamSlowMultibyteRead") // a small test stream
  void failingSource_throwsUncheckedIo_andLeavesNothing() {
    InputStream failing = new InputStream() {
      private int left = RoomFixture.SEGMENT * 3;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new IOException("disk gone");
        }
        return 1;
      }
    };
    assertThatThrownBy(() -> fixture.rooms().upload(alice, room, null, "x", failing))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(entries()).isZero();
    assertThat(fixture.blobs.committed()).isEmpty();
  }

  @Test
  void uploadOfKnownSize_withContentOfAnotherSize_isRefusedAndLeavesNothing() {
    for (long declared : new long[] {11, 9, 0}) {
      assertThatThrownBy(() -> fixture.rooms().upload(alice, room, null, "x",
          new ByteArrayInputStream(new byte[10]), declared))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was declared as " + declared + " bytes");
    }
    assertThatThrownBy(() -> fixture.rooms().upload(alice, room, null, "x",
        new ByteArrayInputStream(new byte[10]), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(entries()).isZero();
    assertThat(fixture.blobs.committed()).isEmpty();
  }

  @Test
  void badNames_areRefusedBeforeAnythingIsStored() {
    DataRooms rooms = fixture.rooms();
    for (String name : new String[] {"", "   ", "a\nb", "x".repeat(256)}) {
      assertThatThrownBy(() -> rooms.createFolder(alice, room, null, name))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> rooms.upload(alice, room, null, name,
          new ByteArrayInputStream(new byte[1]))).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(entries()).isZero();
    assertThat(fixture.blobs.committed()).isEmpty();
  }

  @Test
  void foldersAndFiles_areNotConfused_andFoldersDoNotMoveIntoThemselves() {
    DataRooms rooms = fixture.rooms();
    RoomItem outer = rooms.createFolder(alice, room, null, "outer");
    RoomItem inner = rooms.createFolder(alice, room, outer.id(), "inner");
    RoomItem file = fixture.upload(rooms, alice, room, inner.id(), "f", new byte[1]);

    assertThatThrownBy(() -> rooms.move(alice, room, outer.id(), inner.id()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rooms.move(alice, room, outer.id(), outer.id()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rooms.createFolder(alice, room, file.id(), "x"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rooms.download(alice, room, inner.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rooms.delete(alice, room, outer.id()))
        .isInstanceOf(ConflictException.class);
    rooms.move(alice, room, inner.id(), null);
    rooms.delete(alice, room, outer.id());
    assertThat(rooms.list(alice, room, null)).extracting(RoomItem::name)
        .containsExactly("inner");
  }

  private int entries() {
    return fixture.memory.rooms().entries(room, PageRequest.first(100)).items().size();
  }
}
