package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPassSession;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end encrypted data rooms ({@code docs/data-rooms.md}).
 *
 * <p>A room has members with roles ({@link RoomRole}: owners and managers change membership,
 * editors write, viewers read), folders and files, and a key per <em>epoch</em>. Every file has its
 * own content key, wrapped under the key of the epoch it was written in; names are sealed under it
 * too. Removing a member starts the next epoch, whose key only the remaining members receive.
 * Every membership change is an entry of a signed, hash-chained log that each member verifies
 * before trusting the member list or wrapping a key; storage that disagrees with the log raises
 * {@link dev.secupass.api.MembershipLogException}.
 *
 * <p>Operations take the caller's unlocked {@link SecuPassSession}; it must hold the user's active
 * keys ({@link dev.secupass.api.SecuPassRequiredException} otherwise, or {@link
 * dev.secupass.api.SessionClosedException} for a session a reset outdated). Acting beyond one's role
 * is {@link NotPermittedException}, recorded in the audit log; a change that loses a race to a
 * concurrent one is prepared again, and after five attempts raises {@link
 * dev.secupass.api.ConflictException}. Nothing is changed when an operation fails. A session of
 * another {@code SecuPassSdk} is refused with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * DataRooms rooms = sdk.rooms();
 * RoomId room = rooms.create(SignedInUser.employee(alice), aliceSession, "Due diligence");
 * rooms.addMember(aliceSession, room, bob, PrincipalKind.PARTNER, RoomRole.VIEWER);
 * RoomItem file = rooms.upload(aliceSession, room, null, "offer.pdf", content);
 * try (InputStream in = rooms.download(bobSession, room, file.id())) { ... }
 * }</pre>
 *
 * <p>Room grants (for members added before they activated a SecuPass, members whose key a rotation
 * could not reach, and members after a reset) are queued by these operations and by activation and
 * reset, and fulfilled by the session of any owner or manager (see {@code sdk.grants()}).
 *
 * <p>Safe for use by many threads.
 */
public interface DataRooms {

  /**
   * Creates a room with {@code user} as its only member and owner.
   *
   * @param user the signed-in employee or partner; guests cannot create rooms
   * @param session their unlocked SecuPass
   * @param name the room's name, 1-255 characters (stored encrypted)
   * @throws NotPermittedException for a guest
   * @throws IllegalArgumentException for an invalid name, or a session of another user
   */
  RoomId create(SignedInUser user, SecuPassSession session, String name);

  /**
   * The rooms the member index lists for {@code user}, with their roles, before verification (for
   * the list a UI shows; {@link #open} verifies). This is where a UI learns that the user must
   * activate a SecuPass first.
   *
   * @throws dev.secupass.api.SecuPassRequiredException if the user has no active SecuPass
   */
  List<RoomSummary> roomsOf(UserId user);

  /**
   * Opens a room: verifies its membership log and decrypts its name.
   *
   * @throws NotPermittedException if the caller is not a member, or waits for their grant
   * @throws dev.secupass.api.NotFoundException if there is no such room
   */
  RoomDetails open(SecuPassSession member, RoomId room);

  /**
   * Renames a room (an owner or manager). The new name is sealed under the key of the current
   * epoch, so members removed before it cannot read it.
   *
   * @param name the new name, 1-255 characters (stored encrypted)
   * @throws dev.secupass.api.NotPermittedException beyond the caller's role
   * @throws dev.secupass.api.NotFoundException if there is no such room
   * @throws IllegalArgumentException for an invalid name
   */
  void renameRoom(SecuPassSession manager, RoomId room, String name);

  /**
   * Adds a member (an owner or manager only; only an owner adds an owner). If they have a SecuPass
   * whose keys the caller pinned (or the SDK's first-contact policy trusts on first use), every
   * epoch's key is wrapped to their key, checked against the caller's pin, at once ({@link
   * MemberAccess#GRANTED}); keys the caller never verified wait for the confirmation of their
   * safety words ({@link MemberAccess#AWAITING_CONFIRMATION}); without a SecuPass a room grant
   * waits for their activation ({@link MemberAccess#QUEUED}).
   *
   * @param kind what the host knows the new member as; guests cannot be members
   * @throws NotPermittedException beyond the caller's role, or for a guest
   * @throws dev.secupass.api.ConflictException if they are a member already
   * @throws dev.secupass.api.KeyChangedException if their key differs from the caller's pin
   */
  MemberAccess addMember(SecuPassSession manager, RoomId room, UserId member,
      PrincipalKind kind, RoomRole role);

  /**
   * Changes a member's role (an owner or manager; only an owner makes or demotes an owner, and the
   * last owner stays one).
   *
   * @throws NotPermittedException beyond the caller's role
   * @throws dev.secupass.api.NotFoundException if {@code member} is not a member
   * @throws dev.secupass.api.ConflictException if the role is unchanged
   */
  void changeRole(SecuPassSession manager, RoomId room, UserId member, RoomRole role);

  /**
   * Removes a member (an owner or manager; only an owner removes an owner; nobody removes
   * themselves) and starts the next epoch: a new room key for the remaining members, the removed
   * member's envelopes deleted and their pending grants cancelled. What is written afterwards is
   * unreadable to them even with every key they had.
   *
   * @throws NotPermittedException beyond the caller's role
   * @throws dev.secupass.api.NotFoundException if {@code member} is not a member
   */
  void removeMember(SecuPassSession manager, RoomId room, UserId member);

  /**
   * Creates a folder (editors and above).
   *
   * @param parent the folder to create it in, or {@code null} for the top
   * @throws dev.secupass.api.NotFoundException if {@code parent} is not a folder of the room
   */
  RoomItem createFolder(SecuPassSession editor, RoomId room, @Nullable FileId parent,
      String name);

  /**
   * Uploads a file of any size (editors and above): {@code content} is read to its end and
   * encrypted as it streams, under a new content key wrapped under the current epoch's key. The
   * caller closes {@code content}. If the upload fails, nothing becomes visible.
   *
   * @param folder the folder to put it in, or {@code null} for the top
   * @throws java.io.UncheckedIOException if reading {@code content} fails
   */
  RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content);

  /**
   * Uploads a file whose size is known, as {@link #upload(SecuPassSession, RoomId, FileId, String,
   * InputStream)}. The size lets the blob store send the file in one request (the S3 store:
   * one streamed PutObject instead of a multipart upload).
   *
   * @param size the number of bytes {@code content} holds
   * @throws IllegalArgumentException if {@code size} is negative, or {@code content} turns out
   *     longer or shorter (nothing becomes visible)
   */
  RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content, long size);

  /**
   * The folders and files in {@code folder} ({@code null}: the top), folders first, then by name.
   */
  List<RoomItem> list(SecuPassSession member, RoomId room, @Nullable FileId folder);

  /** One folder or file. */
  RoomItem item(SecuPassSession member, RoomId room, FileId id);

  /**
   * A file's content, decrypted and verified as it is read; a tampered or truncated blob ends the
   * stream with {@link dev.secupass.api.IntegrityException}. The caller closes the stream.
   */
  InputStream download(SecuPassSession member, RoomId room, FileId file);

  /**
   * The plaintext bytes {@code [offset, offset + length)} of a file (fewer at its end), reading
   * only the segments that hold them (resumed downloads).
   */
  InputStream download(SecuPassSession member, RoomId room, FileId file, long offset,
      long length);

  /** Renames a folder or file (editors and above); it is sealed again under the current epoch. */
  RoomItem rename(SecuPassSession editor, RoomId room, FileId id, String name);

  /**
   * Moves a folder or file into {@code parent} ({@code null}: the top; editors and above).
   *
   * @throws IllegalArgumentException if a folder would move into itself or a folder inside it
   */
  RoomItem move(SecuPassSession editor, RoomId room, FileId id, @Nullable FileId parent);

  /**
   * Deletes a file, or a folder that is empty (editors and above).
   *
   * @throws dev.secupass.api.ConflictException if the folder is not empty
   */
  void delete(SecuPassSession editor, RoomId room, FileId id);

  /**
   * Moves up to {@code limit} entries written under older epochs to the current one (editors and
   * above): files get a new content key and are encrypted again. Call again until {@link
   * ReencryptionProgress#complete()}.
   */
  ReencryptionProgress reencryptOlderEntries(SecuPassSession editor, RoomId room,
      int limit);


}
