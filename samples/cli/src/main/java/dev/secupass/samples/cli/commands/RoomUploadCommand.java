package dev.secupass.samples.cli.commands;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.io.ProgressBar;
import dev.secupass.samples.cli.io.ProgressInputStream;
import dev.secupass.samples.cli.io.Sizes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Uploads files. */
@Command(name = "upload", description = "Upload files into a room (editors and above),"
    + " encrypted as they stream.")
public final class RoomUploadCommand extends RoomCommand {
  @Parameters(index = "0", paramLabel = "ROOM")
  String room = "";

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE")
  List<Path> files = new ArrayList<>();

  @Option(names = "--folder", paramLabel = "FOLDER", description = "Put the files in this"
      + " folder of the room (made with 'rooms mkdir'): names separated by '/'.")
  @Nullable String folder;

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session)
      throws Exception {
    RoomId id = resolve(invocation, rooms, session, room);
    FileId parent = folder == null ? null : RoomFolderCommand.folder(rooms, session, id, folder);
    for (Path file : files) {
      String name = String.valueOf(file.getFileName());
      long size = Files.size(file);
      ProgressBar bar = new ProgressBar(invocation.progress(), "encrypting " + name, size);
      RoomItem item;
      try (InputStream in = new ProgressInputStream(Files.newInputStream(file), bar)) {
        item = rooms.upload(session, id, parent, name, in, size);
      }
      invocation.say("uploaded " + name + " (" + Sizes.of(item.size())
          + ")" + (folder == null ? "" : " into " + folder + "/") + " under key epoch "
          + item.epoch());
      invocation.add("uploaded", Json.map("name", name, "id", item.id(), "size", item.size(),
          "folder", folder, "epoch", item.epoch()));
    }
  }
}
