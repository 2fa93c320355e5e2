package dev.secupass.core.internal.rooms;

import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.api.FileId;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.ReencryptionProgress;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import dev.secupass.core.internal.observe.Run;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link DataRooms} on the room internals: each method turns the caller's session into this SDK's
 * own ({@link Sessions#own}, which refuses another instance's), runs the operation, and records an
 * attempt beyond the caller's role in the audit log.
 */
public final class RoomService implements DataRooms {
  private final Storage storage;
  private final SecuPassObserver observer;
  private final Sessions sessions;
  private final RoomAudit audit;
  private final MembershipChanges membership;
  private final RoomReads reads;
  private final RoomRename rename;
  private final RoomWrites writes;
  private final Reencryption reencryption;

  public RoomService(RoomContext context, UploadJournal journal, GrantEngine grants,
      Sessions sessions) {
    this(context, journal, grants, sessions, SecuPassObserver.NONE);
  }

  /** @param observer told of each member removal, which rotates the room key */
  public RoomService(RoomContext context, UploadJournal journal, GrantEngine grants,
      Sessions sessions, SecuPassObserver observer) {
    this.observer = observer;
    this.storage = context.storage();
    this.sessions = sessions;
    this.audit = context.audit();
    this.membership = new MembershipChanges(context, grants);
    this.reads = new RoomReads(context, journal.blobs());
    this.rename = new RoomRename(context);
    this.writes = new RoomWrites(context, journal);
    this.reencryption = new Reencryption(context, journal);
  }

  @Override
  public RoomId create(SignedInUser user, SecuPassSession session, String name) {
    return membership.create(user, sessions.own(session), name);
  }

  @Override
  public List<RoomSummary> roomsOf(UserId user) {
    return reads.roomsOf(user);
  }

  @Override
  public RoomDetails open(SecuPassSession member, RoomId room) {
    return reads.open(sessions.own(member), room);
  }

  @Override
  public void renameRoom(SecuPassSession manager, RoomId room, String name) {
    audited(manager, "room.rename", room, own -> {
      rename.rename(own, room, name);
      return null;
    });
  }

  @Override
  public MemberAccess addMember(SecuPassSession manager, RoomId room, UserId member,
      PrincipalKind kind, RoomRole role) {
    return audited(manager, "room.member.add", room,
        own -> membership.add(own, room, member, kind, role));
  }

  @Override
  public void changeRole(SecuPassSession manager, RoomId room, UserId member, RoomRole role) {
    audited(manager, "room.member.role", room, own -> {
      membership.changeRole(own, room, member, role);
      return null;
    });
  }

  @Override
  public void removeMember(SecuPassSession manager, RoomId room, UserId member) {
    Run.perform(observer, Operation.ROOM_ROTATION, run -> audited(manager,
        "room.member.remove", room, own -> {
          membership.remove(own, room, member);
          return null;
        }));
  }

  @Override
  public RoomItem createFolder(SecuPassSession editor, RoomId room, @Nullable FileId parent,
      String name) {
    return audited(editor, "room.folder.create", room,
        own -> writes.createFolder(own, room, parent, name));
  }

  @Override
  public RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content) {
    return audited(editor, "room.file.upload", room,
        own -> writes.upload(own, room, folder, name, content, -1));
  }

  @Override
  public RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative; got " + size);
    }
    return audited(editor, "room.file.upload", room,
        own -> writes.upload(own, room, folder, name, content, size));
  }

  @Override
  public List<RoomItem> list(SecuPassSession member, RoomId room, @Nullable FileId folder) {
    return audited(member, "room.list", room, own -> reads.list(own, room, folder));
  }

  @Override
  public RoomItem item(SecuPassSession member, RoomId room, FileId id) {
    return audited(member, "room.item", room, own -> reads.item(own, room, id));
  }

  @Override
  public InputStream download(SecuPassSession member, RoomId room, FileId file) {
    return audited(member, "room.file.download", room, own -> reads.download(own, room, file));
  }

  @Override
  public InputStream download(SecuPassSession member, RoomId room, FileId file, long offset,
      long length) {
    return audited(member, "room.file.download", room,
        own -> reads.download(own, room, file, offset, length));
  }

  @Override
  public RoomItem rename(SecuPassSession editor, RoomId room, FileId id, String name) {
    return audited(editor, "room.entry.rename", room, own -> writes.rename(own, room, id, name));
  }

  @Override
  public RoomItem move(SecuPassSession editor, RoomId room, FileId id, @Nullable FileId parent) {
    return audited(editor, "room.entry.move", room, own -> writes.move(own, room, id, parent));
  }

  @Override
  public void delete(SecuPassSession editor, RoomId room, FileId id) {
    audited(editor, "room.entry.delete", room, own -> {
      writes.delete(own, room, id);
      return null;
    });
  }

  @Override
  public ReencryptionProgress reencryptOlderEntries(SecuPassSession editor, RoomId room,
      int limit) {
    return audited(editor, "room.reencrypt", room, own -> reencryption.run(own, room, limit));
  }

  @Override
  public String toString() {
    return "DataRooms[" + storage + "]";
  }

  /**
   * Runs {@code operation} with this SDK's own session, recording an attempt beyond the caller's
   * role in the audit log.
   */
  private <T> T audited(SecuPassSession actor, String action, RoomId room,
      Function<KeySession, T> operation) {
    KeySession own = sessions.own(actor);
    try {
      return operation.apply(own);
    } catch (NotPermittedException e) {
      try {
        audit.refused(storage, own.user(), action, room);
      } catch (RuntimeException failure) {
        e.addSuppressed(failure);
      }
      throw e;
    }
  }
}
