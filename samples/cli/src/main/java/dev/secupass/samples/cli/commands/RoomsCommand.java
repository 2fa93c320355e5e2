package dev.secupass.samples.cli.commands;

import dev.secupass.samples.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * Data rooms: shared end-to-end encrypted folders. Every room command unlocks the SecuPass, since
 * the room's names and keys open only with it. ROOM is a room's id or its name.
 */
@Command(name = "rooms", description = "Data rooms: end-to-end encrypted shared folders with"
    + " members. ROOM is a room's id or name; every command asks for your SecuPass.",
    subcommands = {RoomCreateCommand.class, RoomListCommand.class, RoomShowCommand.class,
        RoomInviteCommand.class, RoomRemoveCommand.class, RoomUploadCommand.class,
        RoomDownloadCommand.class, RoomRoleCommand.class, RoomFolderCommand.class})
public final class RoomsCommand extends GroupCommand {
}
