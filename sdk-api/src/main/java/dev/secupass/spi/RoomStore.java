package dev.secupass.spi;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Data rooms: the room, its members and roles, its signed membership log, its key epochs and the
 * envelopes that give each member each epoch's key, and its folder and file index.
 */
public interface RoomStore {

  /**
   * Stores a new room.
   *
   * @param room a room with revision 0
   * @return the room as stored, with revision 1
   * @throws IllegalArgumentException if the revision is not 0
   * @throws dev.secupass.api.ConflictException if a room with the same id exists
   */
  Room create(Room room);

  /** The room with this id; empty if there is none. */
  Optional<Room> find(RoomId id);

  /**
   * The rooms {@code member} is a member of, each with their member record, ordered by room id:
   * one query, however many rooms.
   */
  List<MemberRoom> roomsOf(UserId member);

  /**
   * Replaces a room's name and the epoch it is sealed under (a rename). The stored creator,
   * creation time and epoch are kept whatever {@code room} carries: the epoch changes only
   * through {@link #advanceEpoch}.
   *
   * @param room the new name and name epoch, carrying the revision the room was read at
   * @return the room as stored, with the revision incremented
   * @throws IllegalArgumentException if {@code room.nameEpoch()} is above the stored epoch
   * @throws dev.secupass.api.NotFoundException if there is no such room
   * @throws dev.secupass.api.ConflictException if the stored revision differs (the room was
   *     renamed or its epoch advanced since it was read)
   */
  Room updateRoom(Room room);

  /**
   * Starts the next key epoch; the room's revision is incremented too.
   *
   * @return the room at epoch {@code expectedEpoch + 1}
   * @throws dev.secupass.api.NotFoundException if there is no such room
   * @throws dev.secupass.api.ConflictException if the room's epoch is not {@code expectedEpoch}
   */
  Room advanceEpoch(RoomId id, int expectedEpoch);

  /**
   * Appends to the room's membership log. The entry's sequence must be the next one: 0 for an empty
   * log, otherwise the last sequence plus one. Of two concurrent appends with the same sequence
   * exactly one wins.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such room
   * @throws dev.secupass.api.ConflictException if the sequence is not the next one
   */
  void appendMembership(MembershipEntry entry);

  /** The room's whole membership log, by sequence; empty if none. */
  List<MembershipEntry> membershipLog(RoomId room);

  /**
   * Adds a member or changes their role (the stored record is replaced).
   *
   * @throws dev.secupass.api.NotFoundException if there is no such room
   */
  void putMember(RoomMember member);

  /** Removes a member; {@code false} if they were not one. */
  boolean removeMember(RoomId room, UserId user);

  /** The member record of {@code user}; empty if they are not a member. */
  Optional<RoomMember> findMember(RoomId room, UserId user);

  /** Every member of the room, ordered by user id. */
  List<RoomMember> members(RoomId room);

  /**
   * Stores an envelope, replacing one with the same room, epoch, member and key version.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such room
   */
  void putEnvelope(RoomEnvelope envelope);

  /** The envelope of this epoch for this member's key version; empty if none. */
  Optional<RoomEnvelope> findEnvelope(
      RoomId room, int epoch, UserId member, KeyVersion memberKeyVersion);

  /** Every envelope of {@code member} in the room, by epoch then key version. */
  List<RoomEnvelope> envelopes(RoomId room, UserId member);

  /** Every envelope of the room for {@code epoch}, in no particular order. */
  List<RoomEnvelope> envelopesOfEpoch(RoomId room, int epoch);

  /**
   * Deletes every envelope of {@code member} in the room.
   *
   * @return how many were deleted
   */
  int deleteEnvelopes(RoomId room, UserId member);

  /**
   * Adds a folder or file to the index.
   *
   * @param entry an entry with revision 0
   * @return the entry as stored, with revision 1
   * @throws IllegalArgumentException if the revision is not 0
   * @throws dev.secupass.api.NotFoundException if there is no such room, or the parent folder
   *     does not exist in it
   * @throws dev.secupass.api.ConflictException if the room already has an entry with that id
   */
  RoomEntry createEntry(RoomEntry entry);

  /** The entry with this id in this room; empty if none (an entry of another room is not found). */
  Optional<RoomEntry> findEntry(RoomId room, FileId id);

  /** The room's entries, files and folders, ordered by id. */
  Page<RoomEntry> entries(RoomId room, PageRequest page);

  /**
   * The entries directly in one folder, files and folders, ordered by id: those whose parent is
   * {@code folder}, or that are at the top when {@code folder} is {@code null}. A page costs in
   * proportion to its size, not to the room's or the folder's entry count (an index on the
   * parent). Empty for a folder the room does not have, a file, or an unknown room.
   */
  Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page);

  /**
   * Replaces an entry (a rename, a move, a re-encryption under a newer epoch).
   *
   * @param entry the new contents, carrying the revision they were read at
   * @return the entry as stored, with the revision incremented
   * @throws dev.secupass.api.NotFoundException if there is no such entry
   * @throws dev.secupass.api.ConflictException if the stored revision differs
   */
  RoomEntry updateEntry(RoomEntry entry);

  /**
   * Deletes an entry; {@code false} if there was none.
   *
   * @throws dev.secupass.api.ConflictException if it is a folder that is not empty
   */
  boolean deleteEntry(RoomId room, FileId id);
}
