package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomMemberInfo;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What members read: the room's details, folder listings and file content. */
public final class RoomReads {
  private static final Comparator<RoomItem> LISTING = Comparator
      .comparing((RoomItem item) -> !item.isFolder())
      .thenComparing(RoomItem::name, String.CASE_INSENSITIVE_ORDER)
      .thenComparing(RoomItem::id);

  private final RoomContext context;
  private final BlobStore blobs;

  public RoomReads(RoomContext context, BlobStore blobs) {
    this.context = context;
    this.blobs = blobs;
  }

  /**
   * The rooms the index lists for {@code user} with their roles, unverified, in one store query;
   * needs an active SecuPass.
   */
  public List<RoomSummary> roomsOf(UserId user) {
    context.keys().requireSecuPass(user);
    return context.storage().rooms().roomsOf(user).stream()
        .map(listed -> new RoomSummary(listed.room().id(), listed.role()))
        .toList();
  }

  /** The room's name and verified members. */
  public RoomDetails open(KeySession session, RoomId room) {
    Storage storage = context.storage();
    Actors.requireActive(storage, session);
    MembershipState state = context.membership().read(session, room, storage);
    var role = Actors.requireMember(state, session.user());
    Room stored = storage.rooms().find(room).orElseThrow();
    String name;
    try (Keyring keys = new Keyring(session, state, storage)) {
      name = context.ciphers().openRoomName(keys.epoch(stored.nameEpoch()), room,
          stored.nameEpoch(), stored.name());
    }
    List<RoomMemberInfo> members = new ArrayList<>();
    state.roles().forEach((user, r) ->
        members.add(new RoomMemberInfo(Person.of(user), r, state.currentKey(user).isEmpty())));
    return new RoomDetails(room, name, state.creator(), state.epoch(), role, members);
  }

  /** The folders and files in {@code folder} ({@code null}: the top), folders first, by name. */
  public List<RoomItem> list(KeySession session, RoomId room, @Nullable FileId folder) {
    Storage storage = context.storage();
    Actors.requireActive(storage, session);
    MembershipState state = context.membership().read(session, room, storage);
    Actors.requireMember(state, session.user());
    Entries.requireFolder(storage, room, folder);
    List<RoomItem> items = new ArrayList<>();
    try (Keyring keys = new Keyring(session, state, storage)) {
      forEach(request -> storage.rooms().entriesIn(room, folder, request), entry -> {
        if (!Objects.equals(entry.parent(), folder)) {
          throw new IntegrityException("storage listed entry " + entry.id() + " of room " + room
              + " in a folder it is not in");
        }
        items.add(Entries.item(entry, Entries.metadata(context, keys, entry)));
      });
    }
    items.sort(LISTING);
    return List.copyOf(items);
  }

  /** One entry, decrypted. */
  public RoomItem item(KeySession session, RoomId room, FileId id) {
    Storage storage = context.storage();
    Actors.requireActive(storage, session);
    MembershipState state = context.membership().read(session, room, storage);
    Actors.requireMember(state, session.user());
    RoomEntry entry = Entries.require(storage, room, id);
    try (Keyring keys = new Keyring(session, state, storage)) {
      return Entries.item(entry, Entries.metadata(context, keys, entry));
    }
  }

  /** The whole file, decrypted as it is read. */
  public InputStream download(KeySession session, RoomId room, FileId file) {
    Opened opened = openFile(session, room, file);
    return FileContent.read(context, blobs, room, file, opened.metadata, opened.fileKey);
  }

  /** Plaintext bytes {@code [offset, offset + length)} of the file, reading only their segments. */
  public InputStream download(KeySession session, RoomId room, FileId file, long offset,
      long length) {
    Opened opened = openFile(session, room, file);
    try (SymmetricKey key = opened.fileKey) {
      return FileContent.range(context, blobs, room, file, opened.metadata, key, offset, length);
    }
  }

  /** Calls {@code action} for every entry of the room, page by page. */
  static void forEachEntry(Storage storage, RoomId room, Consumer<RoomEntry> action) {
    forEach(request -> storage.rooms().entries(room, request), action);
  }

  /** Calls {@code action} for every entry of a paged listing, page by page. */
  static void forEach(Function<PageRequest, Page<RoomEntry>> listing,
      Consumer<RoomEntry> action) {
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<RoomEntry> page = listing.apply(request);
      page.items().forEach(action);
      if (!page.hasNext()) {
        return;
      }
      request = page.next(PageRequest.MAX_LIMIT).orElseThrow();
    }
  }

  private record Opened(EntryMetadata metadata, SymmetricKey fileKey) {}

  /** Verifies, checks the file's metadata and unwraps its key (the caller closes it). */
  private Opened openFile(KeySession session, RoomId room, FileId file) {
    Storage storage = context.storage();
    Actors.requireActive(storage, session);
    MembershipState state = context.membership().read(session, room, storage);
    Actors.requireMember(state, session.user());
    RoomEntry entry = Entries.requireFile(storage, room, file);
    EntryMetadata metadata;
    SymmetricKey fileKey;
    try (Keyring keys = new Keyring(session, state, storage)) {
      metadata = Entries.metadata(context, keys, entry);
      fileKey = Entries.unwrapFileKey(context, keys, entry, metadata);
    }
    context.audit().ok(storage, session.user(), "room.file.download", room, file);
    return new Opened(metadata, fileKey);
  }
}
