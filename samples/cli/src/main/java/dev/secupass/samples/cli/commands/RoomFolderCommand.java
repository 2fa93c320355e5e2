package dev.secupass.samples.cli.commands;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Creates a folder in a room. */
@Command(name = "mkdir", description = "Create a folder in a room (editors and above); its name"
    + " is end-to-end encrypted like a file's. A/B creates B in the existing folder A.")
public final class RoomFolderCommand extends RoomCommand {
  @Parameters(index = "0", paramLabel = "ROOM")
  String room = "";

  @Parameters(index = "1", paramLabel = "FOLDER", description = "The folder's path: names"
      + " separated by '/'.")
  String path = "";

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
    RoomId id = resolve(invocation, rooms, session, room);
    int slash = path.lastIndexOf('/');
    FileId parent = slash < 0 ? null : folder(rooms, session, id, path.substring(0, slash));
    RoomItem made = rooms.createFolder(session, id, parent, path.substring(slash + 1));
    invocation.result(() -> "created folder " + path + "/ in room " + id,
        Json.map("room", id, "folder", path, "id", made.id()));
  }

  /**
   * The folder at {@code path} ({@code A/B}) in {@code room}.
   *
   * @throws CliException with {@link ExitCode#NOT_FOUND} if there is none
   */
  static FileId folder(DataRooms rooms, SecuPassSession session, RoomId room, String path) {
    @Nullable FileId current = null;
    for (String name : path.split("/", -1)) {
      if (name.isEmpty()) {
        continue;
      }
      @Nullable FileId parent = current;
      current = rooms.list(session, room, parent).stream()
          .filter(item -> item.isFolder() && item.name().equals(name))
          .map(RoomItem::id)
          .findFirst()
          .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no folder " + path
              + " in the room"));
    }
    if (current == null) {
      throw new CliException(ExitCode.INVALID_INPUT, "a folder needs a name");
    }
    return current;
  }
}
