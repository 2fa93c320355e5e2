package dev.secupass.samples.cli.commands;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.host.DirectoryUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes a member's role. */
@Command(name = "role", description = "Change a member's role (owners and managers): owner,"
    + " manager, editor or viewer.")
public final class RoomRoleCommand extends RoomCommand {
  @Parameters(index = "0", paramLabel = "ROOM")
  String room = "";

  @Parameters(index = "1", paramLabel = "USER", description = "A directory name.")
  String member = "";

  @Parameters(index = "2", paramLabel = "ROLE", converter = RoomRoles.class,
      description = "owner, manager, editor or viewer.")
  RoomRole role = RoomRole.VIEWER;

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomId id = resolve(invocation, rooms, session, room);
    DirectoryUser user = invocation.person(member);
    rooms.changeRole(session, id, user.id(), role);
    invocation.result(() -> user.name() + " is now " + role(role) + " of room " + id,
        Json.map("room", id, "member", user.name(), "role", role(role)));
  }
}
