package dev.secupass.samples.cli.commands;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A room command: runs with the signed-in user's unlocked session, since a room's names and keys
 * open only with it; ROOM arguments are a room's id or its name.
 */
public abstract class RoomCommand extends HostCommand {
  @Override
  protected final void run(Invocation invocation) throws Exception {
    try (SecuPassSession session = invocation.unlock()) {
      run(invocation, invocation.sdk().rooms(), session);
    }
  }

  /** The command's work with the user's unlocked session. */
  protected abstract void run(Invocation invocation, DataRooms rooms, SecuPassSession session)
      throws Exception;

  /** A room by id or by (decrypted) name among the user's rooms. */
  static RoomId resolve(Invocation invocation, DataRooms rooms, SecuPassSession session,
      String room) {
    List<RoomSummary> mine = rooms.roomsOf(invocation.user().user());
    for (RoomSummary summary : mine) {
      if (summary.id().value().equals(room)) {
        return summary.id();
      }
    }
    List<RoomId> named = new ArrayList<>();
    for (RoomSummary summary : mine) {
      try {
        if (rooms.open(session, summary.id()).name().equals(room)) {
          named.add(summary.id());
        }
      } catch (NotPermittedException e) {
        // A room whose key has not reached the user yet has no name to compare.
      }
    }
    if (named.size() > 1) {
      throw new CliException(ExitCode.INVALID_INPUT, "several of your rooms are named \"" + room
          + "\"; give the room's id");
    }
    if (named.isEmpty()) {
      throw new CliException(ExitCode.NOT_FOUND, "you are in no room with the id or name \""
          + room + "\"");
    }
    return named.get(0);
  }

  /** A role in lower case. */
  static String role(RoomRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
