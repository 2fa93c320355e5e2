package dev.secupass.samples.cli.commands;

import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomMemberInfo;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.io.Sizes;
import java.util.ArrayList;
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
    invocation.say("room " + details.id() + " \"" + details.name() + "\", key epoch "
        + details.epoch() + ", you are " + role(details.role()));
    invocation.field("id", details.id()).field("name", details.name())
        .field("epoch", details.epoch()).field("role", role(details.role()))
        .field("members", new ArrayList<>()).field("items", new ArrayList<>());
    for (RoomMemberInfo member : details.members()) {
      invocation.say("  member: " + invocation.name(member.user()) + " (" + role(member.role())
          + (member.awaitingKey() ? ", waiting for the room key" : "") + ")");
      invocation.add("members", Json.map("name", invocation.name(member.user()),
          "role", role(member.role()), "waiting_for_key", member.awaitingKey()));
    }
    for (RoomItem item : rooms.list(session, details.id(), null)) {
      invocation.say("  " + (item.isFolder() ? "folder: " + item.name() + "/"
          : "file: " + item.name() + " (" + Sizes.of(item.size()) + ", epoch " + item.epoch()
              + ")"));
      invocation.add("items", Json.map("name", item.name(), "folder", item.isFolder(),
          "size", item.isFolder() ? null : item.size(), "epoch", item.epoch()));
    }
  }
}
