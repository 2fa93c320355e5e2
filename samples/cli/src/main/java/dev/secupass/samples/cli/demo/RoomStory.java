package dev.secupass.samples.cli.demo;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A data room: Alice creates it, adds Paul (the room key is wrapped to him at once), uploads;
 * Paul reads; Alice removes Paul, which rotates the key, and uploads again; Paul is refused.
 */
final class RoomStory {
  private final Cast cast;
  private final Narrator say;
  private final SampleFile report = SampleFile.of("report.pdf", 64 * 1024);
  private final SampleFile finalReport = SampleFile.of("final.pdf", 16 * 1024);

  RoomStory(Cast cast) {
    this.cast = cast;
    this.say = cast.say;
  }

  void play() {
    SignedInUser alice = cast.alice.signedIn();
    DataRooms rooms = cast.sdk.rooms();
    say.chapter("A data room: a member added, then removed");
    RoomId room;
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      room = rooms.create(alice, session, "Due diligence");
      cast.call(room, "the room \"Due diligence\"");
      MemberAccess access = rooms.addMember(session, room, cast.paul.id(), PrincipalKind.PARTNER,
          RoomRole.VIEWER);
      RoomItem item = upload(rooms, session, room, report);
      say.party("alice", "creates room \"Due diligence\", adds paul as viewer ("
          + (access == MemberAccess.GRANTED ? "the room key is wrapped to him at once: she"
              + " confirmed his keys before" : "he waits for the key") + ") and uploads "
          + report.describe() + " under key"
          + " epoch " + item.epoch());
    }
    cast.sendMail();
    try (SecuPassSession session = cast.unlock(cast.paul.id(), Cast.PAUL_SECUPASS)) {
      RoomDetails details = rooms.open(session, room);
      List<RoomItem> items = rooms.list(session, room, null);
      say.party("paul", "opens \"" + details.name() + "\": " + details.members().size()
          + " members, files " + items.stream().map(RoomItem::name).toList());
      say.party("paul", "downloads " + report.name() + ": "
          + report.compare(rooms.download(session, room, items.get(0).id())));
    }
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      rooms.removeMember(session, room, cast.paul.id());
      RoomItem item = upload(rooms, session, room, finalReport);
      say.party("alice", "removes paul: the room key rotates to epoch "
          + rooms.open(session, room).epoch() + "; she uploads " + finalReport.describe()
          + " under epoch " + item.epoch() + ", whose key paul never had");
    }
    cast.sendMail();
    try (SecuPassSession session = cast.unlock(cast.paul.id(), Cast.PAUL_SECUPASS)) {
      say.party("paul", "tries to open the room again: "
          + cast.refusal(() -> rooms.open(session, room)));
    }
  }

  private static RoomItem upload(DataRooms rooms, SecuPassSession session, RoomId room,
      SampleFile file) {
    try (InputStream in = file.stream()) {
      return rooms.upload(session, room, null, file.name(), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
