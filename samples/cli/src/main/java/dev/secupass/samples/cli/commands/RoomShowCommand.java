package dev.secupass.samples.cli.commands;

import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomMemberInfo;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.io.Sizes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows a room's members and files. */
@Command(name = "show", description = "A room's members and files.")
public final class RoomShowCommand extends RoomCommand {
  @Parameters(paramLabel = "ROOM")
  String room = "";

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomDetails details = rooms.open(session, resolve(invocation, rooms, session, room));
    PrintWriter out = invocation.out();
    out.println("room " + details.id() + " \"" + details.name() + "\", key epoch "
        + details.epoch() + ", you are " + role(details.role()));
    for (RoomMemberInfo member : details.members()) {
      out.println("  member: " + invocation.name(member.user()) + " (" + role(member.role())
          + (member.awaitingKey() ? ", waiting for the room key" : "") + ")");
    }
    for (RoomItem item : rooms.list(session, details.id(), null)) {
      out.println("  " + (item.isFolder() ? "folder: " + item.name() + "/"
          : "file: " + item.name() + " (" + Sizes.of(item.size()) + ", epoch " + item.epoch()
              + ")"));
    }
  }
}
