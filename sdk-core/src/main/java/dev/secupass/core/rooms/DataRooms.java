package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.grants.GrantEngine;
import dev.secupass.core.grants.GrantHandler;
import dev.secupass.core.internal.rooms.MembershipChanges;
import dev.secupass.core.internal.rooms.RoomAudit;
import dev.secupass.core.internal.rooms.Reencryption;
import dev.secupass.core.internal.rooms.RoomContext;
import dev.secupass.core.internal.rooms.RoomGrantHandler;
import dev.secupass.core.internal.rooms.RoomReads;
import dev.secupass.core.internal.rooms.RoomWrites;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.BlobStore;
import dev.secupass.api.RoomRole;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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
 * concurrent one is prepared again, and after the configured attempts raises {@link
 * dev.secupass.api.ConflictException}. Nothing is changed when an operation fails.
 *
 * <pre>{@code
 * GrantEngine grants = GrantEngine.builder(storage)
 *     .handler(DataRooms.grantHandler(storage, keys, clock, random))
 *     .build();
 * DataRooms rooms = DataRooms.builder(storage, blobs, keys, grants).clock(clock).build();
 * RoomId room = rooms.create(SignedInUser.employee(alice), aliceSession, "Due diligence");
 * rooms.addMember(aliceSession, room, bob, PrincipalKind.PARTNER, RoomRole.VIEWER);
 * RoomItem file = rooms.upload(aliceSession, room, null, "offer.pdf", content);
 * try (InputStream in = rooms.download(bobSession, room, file.id())) { ... }
 * }</pre>
 *
 * <p>Room grants (for members added before they activated a SecuPass, members whose key a rotation
 * could not reach, and members after a reset) are queued on the {@link GrantEngine} and fulfilled
 * by the session of any owner or manager through the {@link #grantHandler room grant handler}.
 *
 * <p>Safe for use by many threads.
 */
public final class DataRooms {
  private final Storage storage;
  private final RoomAudit audit;
  private final MembershipChanges membership;
  private final RoomReads reads;
  private final RoomWrites writes;
  private final Reencryption reencryption;

  private DataRooms(Builder builder) {
    this.storage = builder.storage;
    RoomContext context = RoomContext.of(builder.storage, builder.keys, builder.clock,
        builder.random, builder.segmentSize, builder.attempts, builder.verifiedRoomsCached);
    this.audit = context.audit();
    this.membership = new MembershipChanges(context, builder.grants);
    this.reads = new RoomReads(context, builder.blobs);
    this.writes = new RoomWrites(context, builder.blobs);
    this.reencryption = new Reencryption(context, builder.blobs);
  }

  /**
   * A builder for data rooms on these stores.
   *
   * @param keys the key service on the same storage's key store
   * @param grants the grant engine, built with {@link #grantHandler}, that queues room grants
   */
  public static Builder builder(Storage storage, BlobStore blobs, SecuPassKeys keys,
      GrantEngine grants) {
    return new Builder(storage, blobs, keys, grants);
  }

  /**
   * The handler of room grants for the {@link GrantEngine}: it fulfils a room grant with the
   * session of any owner or manager (verifying the membership log, checking the member's key
   * against the granter's pin, wrapping every epoch's key and recording the member's key in the
   * log), tells the room's owners and managers when one becomes ready, and names every room of a
   * user who reset their SecuPass for granting again.
   *
   * @param keys the key service on the same storage's key store
   * @param clock the time of events and audit lines
   * @param random the source of event ids
   */
  public static GrantHandler grantHandler(Storage storage, SecuPassKeys keys, Clock clock,
      SecureRandom random) {
    return new RoomGrantHandler(RoomContext.of(storage, keys, clock, random,
        ContentCipher.DEFAULT_SEGMENT_SIZE, 1, 1024));
  }

  /** Builds {@link DataRooms}; everything but the stores and the key service has a default. */
  public static final class Builder {
    private final Storage storage;
    private final BlobStore blobs;
    private final SecuPassKeys keys;
    private final GrantEngine grants;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private int segmentSize = ContentCipher.DEFAULT_SEGMENT_SIZE;
    private int attempts = 5;
    private int verifiedRoomsCached = 4096;

    private Builder(Storage storage, BlobStore blobs, SecuPassKeys keys, GrantEngine grants) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.blobs = Objects.requireNonNull(blobs, "blobs");
      this.keys = Objects.requireNonNull(keys, "keys");
      this.grants = Objects.requireNonNull(grants, "grants");
    }

    /** The clock of records, events and audit lines (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of identifiers and keys (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Plaintext bytes per segment of file content (default 1 MiB; small values for tests). */
    public Builder segmentSize(int bytes) {
      ContentCipher.ciphertextSize(0, bytes);
      this.segmentSize = bytes;
      return this;
    }

    /**
     * How often a change that lost a race to a concurrent change is tried in all, 1-100 (default
     * 5).
     */
    public Builder attempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new IllegalArgumentException("attempts must be 1-100, got " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * How many verified memberships (per room and member) to keep, so that reads verify only new
     * log entries, 1 or more (default 4096).
     */
    public Builder verifiedRoomsCached(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("the cache must hold 1 or more rooms");
      }
      this.verifiedRoomsCached = count;
      return this;
    }

    public DataRooms build() {
      return new DataRooms(this);
    }
  }

  /**
   * Creates a room with {@code user} as its only member and owner.
   *
   * @param user the signed-in employee or partner; guests cannot create rooms
   * @param session their unlocked SecuPass
   * @param name the room's name, 1-255 characters (stored encrypted)
   * @throws NotPermittedException for a guest
   * @throws IllegalArgumentException for an invalid name, or a session of another user
   */
  public RoomId create(SignedInUser user, SecuPassSession session, String name) {
    return membership.create(user, session, name);
  }

  /**
   * The rooms the member index lists for {@code user}, with their roles, before verification (for
   * the list a UI shows; {@link #open} verifies). This is where a UI learns that the user must
   * activate a SecuPass first.
   *
   * @throws dev.secupass.api.SecuPassRequiredException if the user has no active SecuPass
   */
  public List<RoomSummary> roomsOf(UserId user) {
    return reads.roomsOf(user);
  }

  /**
   * Opens a room: verifies its membership log and decrypts its name.
   *
   * @throws NotPermittedException if the caller is not a member, or waits for their grant
   * @throws dev.secupass.api.NotFoundException if there is no such room
   */
  public RoomDetails open(SecuPassSession member, RoomId room) {
    return reads.open(member, room);
  }

  /**
   * Adds a member (an owner or manager only; only an owner adds an owner). If they have a SecuPass,
   * every epoch's key is wrapped to their key, checked against the caller's pin, at once; if not, a
   * room grant waits for their activation.
   *
   * @param kind what the host knows the new member as; guests cannot be members
   * @throws NotPermittedException beyond the caller's role, or for a guest
   * @throws dev.secupass.api.ConflictException if they are a member already
   * @throws dev.secupass.api.KeyChangedException if their key differs from the caller's pin
   */
  public MemberAccess addMember(SecuPassSession manager, RoomId room, UserId member,
      PrincipalKind kind, RoomRole role) {
    return audited(manager, "room.member.add", room,
        () -> membership.add(manager, room, member, kind, role)
            ? MemberAccess.GRANTED : MemberAccess.QUEUED);
  }

  /**
   * Changes a member's role (an owner or manager; only an owner makes or demotes an owner, and the
   * last owner stays one).
   *
   * @throws NotPermittedException beyond the caller's role
   * @throws dev.secupass.api.NotFoundException if {@code member} is not a member
   * @throws dev.secupass.api.ConflictException if the role is unchanged
   */
  public void changeRole(SecuPassSession manager, RoomId room, UserId member, RoomRole role) {
    audited(manager, "room.member.role", room, () -> {
      membership.changeRole(manager, room, member, role);
      return null;
    });
  }

  /**
   * Removes a member (an owner or manager; only an owner removes an owner; nobody removes
   * themselves) and starts the next epoch: a new room key for the remaining members, the removed
   * member's envelopes deleted and their pending grants cancelled. What is written afterwards is
   * unreadable to them even with every key they had.
   *
   * @throws NotPermittedException beyond the caller's role
   * @throws dev.secupass.api.NotFoundException if {@code member} is not a member
   */
  public void removeMember(SecuPassSession manager, RoomId room, UserId member) {
    audited(manager, "room.member.remove", room, () -> {
      membership.remove(manager, room, member);
      return null;
    });
  }

  /**
   * Creates a folder (editors and above).
   *
   * @param parent the folder to create it in, or {@code null} for the top
   * @throws dev.secupass.api.NotFoundException if {@code parent} is not a folder of the room
   */
  public RoomItem createFolder(SecuPassSession editor, RoomId room, @Nullable FileId parent,
      String name) {
    return audited(editor, "room.folder.create", room,
        () -> writes.createFolder(editor, room, parent, name));
  }

  /**
   * Uploads a file of any size (editors and above): {@code content} is read to its end and
   * encrypted as it streams, under a new content key wrapped under the current epoch's key. The
   * caller closes {@code content}. If the upload fails, nothing becomes visible.
   *
   * @param folder the folder to put it in, or {@code null} for the top
   * @throws java.io.UncheckedIOException if reading {@code content} fails
   */
  public RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content) {
    return audited(editor, "room.file.upload", room,
        () -> writes.upload(editor, room, folder, name, content, -1));
  }

  /**
   * Uploads a file whose size is known, as {@link #upload(SecuPassSession, RoomId, FileId, String,
   * InputStream)}. The size lets the blob store send the file in one request (the S3 store:
   * one streamed PutObject instead of a multipart upload).
   *
   * @param size the number of bytes {@code content} holds
   * @throws IllegalArgumentException if {@code size} is negative, or {@code content} turns out
   *     longer or shorter (nothing becomes visible)
   */
  public RoomItem upload(SecuPassSession editor, RoomId room, @Nullable FileId folder,
      String name, InputStream content, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative; got " + size);
    }
    return audited(editor, "room.file.upload", room,
        () -> writes.upload(editor, room, folder, name, content, size));
  }

  /**
   * The folders and files in {@code folder} ({@code null}: the top), folders first, then by name.
   */
  public List<RoomItem> list(SecuPassSession member, RoomId room, @Nullable FileId folder) {
    return audited(member, "room.list", room, () -> reads.list(member, room, folder));
  }

  /** One folder or file. */
  public RoomItem item(SecuPassSession member, RoomId room, FileId id) {
    return audited(member, "room.item", room, () -> reads.item(member, room, id));
  }

  /**
   * A file's content, decrypted and verified as it is read; a tampered or truncated blob ends the
   * stream with {@link dev.secupass.api.IntegrityException}. The caller closes the stream.
   */
  public InputStream download(SecuPassSession member, RoomId room, FileId file) {
    return audited(member, "room.file.download", room, () -> reads.download(member, room, file));
  }

  /**
   * The plaintext bytes {@code [offset, offset + length)} of a file (fewer at its end), reading
   * only the segments that hold them (resumed downloads).
   */
  public InputStream download(SecuPassSession member, RoomId room, FileId file, long offset,
      long length) {
    return audited(member, "room.file.download", room,
        () -> reads.download(member, room, file, offset, length));
  }

  /** Renames a folder or file (editors and above); it is sealed again under the current epoch. */
  public RoomItem rename(SecuPassSession editor, RoomId room, FileId id, String name) {
    return audited(editor, "room.entry.rename", room, () -> writes.rename(editor, room, id, name));
  }

  /**
   * Moves a folder or file into {@code parent} ({@code null}: the top; editors and above).
   *
   * @throws IllegalArgumentException if a folder would move into itself or a folder inside it
   */
  public RoomItem move(SecuPassSession editor, RoomId room, FileId id, @Nullable FileId parent) {
    return audited(editor, "room.entry.move", room, () -> writes.move(editor, room, id, parent));
  }

  /**
   * Deletes a file, or a folder that is empty (editors and above).
   *
   * @throws dev.secupass.api.ConflictException if the folder is not empty
   */
  public void delete(SecuPassSession editor, RoomId room, FileId id) {
    audited(editor, "room.entry.delete", room, () -> {
      writes.delete(editor, room, id);
      return null;
    });
  }

  /**
   * Moves up to {@code limit} entries written under older epochs to the current one (editors and
   * above): files get a new content key and are encrypted again. Call again until {@link
   * ReencryptionProgress#complete()}.
   */
  public ReencryptionProgress reencryptOlderEntries(SecuPassSession editor, RoomId room,
      int limit) {
    return audited(editor, "room.reencrypt", room, () -> reencryption.run(editor, room, limit));
  }

  @Override
  public String toString() {
    return "DataRooms[" + storage + "]";
  }

  /** Runs {@code operation}, recording an attempt beyond the caller's role in the audit log. */
  private <T> T audited(SecuPassSession actor, String action, RoomId room,
      Supplier<T> operation) {
    try {
      return operation.get();
    } catch (NotPermittedException e) {
      try {
        audit.refused(storage, actor.user(), action, room);
      } catch (RuntimeException failure) {
        e.addSuppressed(failure);
      }
      throw e;
    }
  }
}
