package dev.secupass.samples.cli.commands;

import dev.secupass.api.NotPermittedException;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** Lists the user's rooms. */
@Command(name = "list", description = "Your rooms, with your role.")
public final class RoomListCommand extends RoomCommand {
  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    List<RoomSummary> summaries = rooms.roomsOf(invocation.user().user());
    if (summaries.isEmpty() && !invocation.json()) {
      invocation.out().println("you are in no rooms");
    }
    List<Object> json = new ArrayList<>();
    for (RoomSummary summary : summaries) {
      String name;
      try {
        name = rooms.open(session, summary.id()).name();
      } catch (NotPermittedException e) {
        name = null;
      }
      json.add(Json.map("id", summary.id(), "name", name, "role", role(summary.role()),
          "waiting_for_key", name == null));
      if (!invocation.json()) {
        invocation.out().println(summary.id() + "  " + (name == null
            ? "(waiting for a manager to grant you its key)" : "\"" + name + "\"") + "  "
            + role(summary.role()));
      }
    }
    if (invocation.json()) {
      invocation.result(() -> "", json);
    }
  }
}
