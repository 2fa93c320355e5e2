package dev.secupass.samples.cli.commands;

import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.host.DirectoryUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes a member. */
@Command(name = "remove", description = "Remove a member (owners and managers): the room key"
    + " rotates, so what is written afterwards is unreadable to them.")
public final class RoomRemoveCommand extends RoomCommand {
  @Parameters(index = "0", paramLabel = "ROOM")
  String room = "";

  @Parameters(index = "1", paramLabel = "USER", description = "A directory name.")
  String member = "";

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomId id = resolve(invocation, rooms, session, room);
    DirectoryUser user = invocation.person(member);
    rooms.removeMember(session, id, user.id());
    int epoch = rooms.open(session, id).epoch();
    invocation.result(() -> "removed " + user.name() + " from room " + id
        + "; the room key rotated to epoch " + epoch,
        Json.map("room", id, "removed", user.name(), "epoch", epoch));
  }
}
