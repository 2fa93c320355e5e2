package dev.secupass.samples.cli.commands;

import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Creates a room. */
@Command(name = "create", description = "Create a room; you are its owner.")
public final class RoomCreateCommand extends RoomCommand {
  @Parameters(paramLabel = "NAME", description = "The room's name (stored encrypted).")
  String name = "";

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomId room = rooms.create(invocation.user(), session, name);
    invocation.result(() -> "created room " + room + " \"" + name + "\"; you are its owner",
        Json.map("id", room, "name", name, "role", "owner"));
  }
}
