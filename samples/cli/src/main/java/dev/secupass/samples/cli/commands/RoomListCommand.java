package dev.secupass.samples.cli.commands;

import dev.secupass.api.NotPermittedException;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.samples.cli.Invocation;
import java.util.List;
import picocli.CommandLine.Command;

/** Lists the user's rooms. */
@Command(name = "list", description = "Your rooms, with your role.")
public final class RoomListCommand extends RoomCommand {
  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    List<RoomSummary> summaries = rooms.roomsOf(invocation.user().user());
    if (summaries.isEmpty()) {
      invocation.out().println("you are in no rooms");
    }
    for (RoomSummary summary : summaries) {
      String name;
      try {
        name = "\"" + rooms.open(session, summary.id()).name() + "\"";
      } catch (NotPermittedException e) {
        name = "(waiting for a manager to grant you its key)";
      }
      invocation.out().println(summary.id() + "  " + name + "  " + role(summary.role()));
    }
  }
}
