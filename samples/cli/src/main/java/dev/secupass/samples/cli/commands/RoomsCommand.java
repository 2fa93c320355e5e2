package dev.secupass.samples.cli.commands;

import dev.secupass.api.FileId;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomMemberInfo;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.GroupCommand;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.io.ProgressBar;
import dev.secupass.samples.cli.io.ProgressInputStream;
import dev.secupass.samples.cli.io.SavedFiles;
import dev.secupass.samples.cli.io.Sizes;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.spi.RoomRole;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Data rooms: shared end-to-end encrypted folders. Every room command unlocks the SecuPass, since
 * the room's names and keys open only with it. ROOM is a room's id or its name.
 */
@Command(name = "rooms", description = "Data rooms: end-to-end encrypted shared folders with"
    + " members. ROOM is a room's id or name; every command asks for your SecuPass.",
    subcommands = {RoomsCommand.Create.class, RoomsCommand.ListRooms.class,
        RoomsCommand.Show.class, RoomsCommand.Invite.class, RoomsCommand.Remove.class,
        RoomsCommand.Upload.class, RoomsCommand.Download.class})
public final class RoomsCommand extends GroupCommand {

  /** A room command: runs with the signed-in user's unlocked session. */
  abstract static class RoomCommand extends HostCommand {
    @Override
    protected final void run(Invocation invocation) throws Exception {
      try (SecuPassSession session = invocation.unlock()) {
        run(invocation, invocation.sdk().rooms(), session);
      }
    }

    abstract void run(Invocation invocation, DataRooms rooms, SecuPassSession session)
        throws Exception;
  }

  /** Creates a room. */
  @Command(name = "create", description = "Create a room; you are its owner.")
  static final class Create extends RoomCommand {
    @Parameters(paramLabel = "NAME", description = "The room's name (stored encrypted).")
    String name = "";

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
      RoomId room = rooms.create(invocation.user(), session, name);
      invocation.out().println("created room " + room + " \"" + name + "\"; you are its owner");
    }
  }

  /** Lists the user's rooms. */
  @Command(name = "list", description = "Your rooms, with your role.")
  static final class ListRooms extends RoomCommand {
    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
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

  /** Shows a room's members and files. */
  @Command(name = "show", description = "A room's members and files.")
  static final class Show extends RoomCommand {
    @Parameters(paramLabel = "ROOM")
    String room = "";

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
      RoomDetails details = rooms.open(session, resolve(invocation, rooms, session, room));
      PrintWriter out = invocation.out();
      out.println("room " + details.id() + " \"" + details.name() + "\", key epoch "
          + details.epoch() + ", you are " + role(details.role()));
      for (RoomMemberInfo member : details.members()) {
        out.println("  member: " + invocation.name(member.user()) + " (" + role(member.role())
            + (member.awaitingKey() ? ", waiting for the room key" : "") + ")");
      }
      for (RoomItem item : rooms.list(session, details.id(), null)) {
        out.println("  " + (item.isFolder() ? "folder: " + item.name() + "/"
            : "file: " + item.name() + " (" + Sizes.of(item.size()) + ", epoch " + item.epoch()
                + ")"));
      }
    }
  }

  /** Adds a member. */
  @Command(name = "invite", description = "Add an employee or partner to a room (owners and"
      + " managers). The room key is wrapped to them now, or once they choose a SecuPass.")
  static final class Invite extends RoomCommand {
    @Parameters(index = "0", paramLabel = "ROOM")
    String room = "";

    @Parameters(index = "1", paramLabel = "USER", description = "A directory name.")
    String member = "";

    @Option(names = "--role", paramLabel = "ROLE", description = "owner, manager, editor or viewer"
        + " (default: ${DEFAULT-VALUE}).")
    String role = "viewer";

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
      RoomId id = resolve(invocation, rooms, session, room);
      DirectoryUser user = invocation.person(member);
      RoomRole chosen = roleOf(role);
      MemberAccess access = rooms.addMember(session, id, user.id(), user.kind(), chosen);
      invocation.out().println("added " + user.name() + " to room " + id + " as "
          + role(chosen) + ": " + (access == MemberAccess.GRANTED
              ? "the room key was wrapped to them, they can open it now"
              : "they must choose a SecuPass first; a manager's next unlock grants the key"));
    }
  }

  /** Removes a member. */
  @Command(name = "remove", description = "Remove a member (owners and managers): the room key"
      + " rotates, so what is written afterwards is unreadable to them.")
  static final class Remove extends RoomCommand {
    @Parameters(index = "0", paramLabel = "ROOM")
    String room = "";

    @Parameters(index = "1", paramLabel = "USER", description = "A directory name.")
    String member = "";

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) {
      RoomId id = resolve(invocation, rooms, session, room);
      DirectoryUser user = invocation.person(member);
      rooms.removeMember(session, id, user.id());
      invocation.out().println("removed " + user.name() + " from room " + id
          + "; the room key rotated to epoch " + rooms.open(session, id).epoch());
    }
  }

  /** Uploads files. */
  @Command(name = "upload", description = "Upload files into a room (editors and above),"
      + " encrypted as they stream.")
  static final class Upload extends RoomCommand {
    @Parameters(index = "0", paramLabel = "ROOM")
    String room = "";

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE")
    List<Path> files = new ArrayList<>();

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) throws Exception {
      RoomId id = resolve(invocation, rooms, session, room);
      for (Path file : files) {
        String name = String.valueOf(file.getFileName());
        ProgressBar bar = new ProgressBar(invocation.err(), "encrypting " + name,
            Files.size(file));
        RoomItem item;
        try (InputStream in = new ProgressInputStream(Files.newInputStream(file), bar)) {
          item = rooms.upload(session, id, null, name, in);
        }
        invocation.out().println("uploaded " + name + " (" + Sizes.of(item.size())
            + ") under key epoch " + item.epoch());
      }
    }
  }

  /** Downloads files. */
  @Command(name = "download", description = "Download and decrypt a room's files (top level;"
      + " default: all).")
  static final class Download extends RoomCommand {
    @Parameters(paramLabel = "ROOM")
    String room = "";

    @Mixin
    SaveOptions save = new SaveOptions();

    @Override
    void run(Invocation invocation, DataRooms rooms, SecuPassSession session) throws Exception {
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
              new ProgressBar(invocation.err(), "decrypting " + item.name(), item.size()));
          invocation.out().println("saved " + saved.path() + " (" + Sizes.of(item.size()) + ")");
        }
      }
    }
  }

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

  private static RoomRole roleOf(String text) {
    try {
      return RoomRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a role is owner, manager, editor or viewer");
    }
  }

  static String role(RoomRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
