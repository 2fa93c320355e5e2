package dev.secupass.samples.cli.commands;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.host.DirectoryUser;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Adds a member. */
@Command(name = "invite", description = "Add an employee or partner to a room (owners and"
    + " managers). The room key is wrapped to them now, or once they choose a SecuPass.")
public final class RoomInviteCommand extends RoomCommand {
  @Parameters(index = "0", paramLabel = "ROOM")
  String room = "";

  @Parameters(index = "1", paramLabel = "USER", description = "A directory name.")
  String member = "";

  @Option(names = "--role", paramLabel = "ROLE", description = "owner, manager, editor or viewer"
      + " (default: ${DEFAULT-VALUE}).")
  String role = "viewer";

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomId id = resolve(invocation, rooms, session, room);
    DirectoryUser user = invocation.person(member);
    RoomRole chosen = roleOf(role);
    MemberAccess access = rooms.addMember(session, id, user.id(), user.kind(), chosen);
    invocation.result(() -> "added " + user.name() + " to room " + id + " as "
        + role(chosen) + ": " + switch (access) {
          case GRANTED -> "the room key was wrapped to them, they can open it now";
          case QUEUED -> "they must choose a SecuPass first; a manager's next unlock grants the"
              + " key";
          case AWAITING_CONFIRMATION -> "you never verified " + user.name() + "'s keys, so"
              + " nothing was wrapped to them yet; after " + user.name() + " read you their"
              + " safety words, 'confirm " + user.name() + " WORDS...' grants the key";
        },
        Json.map("room", id, "member", user.name(), "role", role(chosen),
            "key_granted", access == MemberAccess.GRANTED,
            "awaiting_confirmation", access == MemberAccess.AWAITING_CONFIRMATION));
  }

  private static RoomRole roleOf(String text) {
    try {
      return RoomRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a role is owner, manager, editor or viewer");
    }
  }
}
