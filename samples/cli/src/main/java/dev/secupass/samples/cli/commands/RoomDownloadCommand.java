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
import dev.secupass.samples.cli.io.ProgressBar;
import dev.secupass.samples.cli.io.SavedFiles;
import dev.secupass.samples.cli.io.Sizes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Downloads files. */
@Command(name = "download", description = "Download and decrypt a room's files (top level;"
    + " default: all).")
public final class RoomDownloadCommand extends RoomCommand {
  @Parameters(paramLabel = "ROOM")
  String room = "";

  @Mixin
  SaveOptions save = new SaveOptions();

  @Override
  protected void run(Invocation invocation, DataRooms rooms, SecuPassSession session)
      throws Exception {
    RoomId id = resolve(invocation, rooms, session, room);
    List<RoomItem> items = rooms.list(session, id, null).stream()
        .filter(item -> !item.isFolder()).toList();
    for (String name : save.files) {
      if (items.stream().noneMatch(item -> item.name().equals(name))) {
        throw new CliException(ExitCode.NOT_FOUND, "the room has no file named " + name);
      }
    }
    for (RoomItem item : items) {
      if (save.files.isEmpty() || save.files.contains(item.name())) {
        FileId file = item.id();
        SavedFiles.Saved saved = SavedFiles.save(save.folder, item.name(), item.size(),
            save.resume, save.overwrite,
            offset -> rooms.download(session, id, file, offset, item.size() - offset),
            new ProgressBar(invocation.progress(), "decrypting " + item.name(), item.size()));
        invocation.say("saved " + saved.path() + " (" + Sizes.of(item.size()) + ")");
        invocation.add("saved", Json.map("name", item.name(), "path", saved.path(),
            "size", item.size(), "resumed_at", saved.resumedAt()));
      }
    }
  }
}
