package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.testing.ForwardingRoomStore;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A room store as a storage operator controls it: by default the real one, but the room, the
 * membership log, the member list and the entries it hands out can be rewritten by the test (what
 * a database administrator could do). It also counts the calls of the reads the SDK should make
 * sparingly.
 */
final class OperatorRoomStore extends ForwardingRoomStore {
  private final OperatorStorage.Views views;

  OperatorRoomStore(RoomStore real, OperatorStorage.Views views) {
    super(real);
    this.views = views;
  }

  @Override
  public Optional<Room> find(RoomId id) {
    return real.find(id).map(views.room);
  }

  @Override
  public List<MemberRoom> roomsOf(UserId member) {
    count("roomsOf");
    return real.roomsOf(member);
  }

  @Override
  public List<MembershipEntry> membershipLog(RoomId room) {
    return views.log.apply(real.membershipLog(room));
  }

  @Override
  public Optional<RoomMember> findMember(RoomId room, UserId user) {
    count("findMember");
    return real.findMember(room, user);
  }

  @Override
  public List<RoomMember> members(RoomId room) {
    return views.members.apply(real.members(room));
  }

  @Override
  public Optional<RoomEntry> findEntry(RoomId room, FileId id) {
    return real.findEntry(room, id).map(views.entry);
  }

  @Override
  public Page<RoomEntry> entries(RoomId room, PageRequest page) {
    count("entries");
    Page<RoomEntry> found = real.entries(room, page);
    return new Page<>(found.items().stream().map(views.entry).toList(),
        found.nextCursor());
  }

  @Override
  public Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page) {
    count("entriesIn");
    Page<RoomEntry> found = real.entriesIn(room, folder, page);
    return new Page<>(views.folderListing.apply(folder,
        found.items().stream().map(views.entry::apply).toList()), found.nextCursor());
  }

  private void count(String method) {
    views.calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }
}
