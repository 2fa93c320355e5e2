package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Page;
import dev.secupass.spi.PageRequest;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.List;
import java.util.Optional;

/**
 * A room store as a storage operator controls it: by default the real one, but the membership log
 * and member list it hands out can be rewritten by the test (what a database administrator could
 * do).
 */
final class OperatorRoomStore implements RoomStore {
  private final RoomStore real;
  private final OperatorStorage.Views views;

  OperatorRoomStore(RoomStore real, OperatorStorage.Views views) {
    this.real = real;
    this.views = views;
  }

  @Override
  public void create(Room room) {
    real.create(room);
  }

  @Override
  public Optional<Room> find(RoomId id) {
    return real.find(id).map(views.room);
  }

  @Override
  public List<Room> roomsOf(UserId member) {
    return real.roomsOf(member);
  }

  @Override
  public Room advanceEpoch(RoomId id, int expectedEpoch) {
    return real.advanceEpoch(id, expectedEpoch);
  }

  @Override
  public void appendMembership(MembershipEntry entry) {
    real.appendMembership(entry);
  }

  @Override
  public List<MembershipEntry> membershipLog(RoomId room) {
    return views.log.apply(real.membershipLog(room));
  }

  @Override
  public void putMember(RoomMember member) {
    real.putMember(member);
  }

  @Override
  public boolean removeMember(RoomId room, UserId user) {
    return real.removeMember(room, user);
  }

  @Override
  public Optional<RoomMember> findMember(RoomId room, UserId user) {
    return real.findMember(room, user);
  }

  @Override
  public List<RoomMember> members(RoomId room) {
    return views.members.apply(real.members(room));
  }

  @Override
  public void putEnvelope(RoomEnvelope envelope) {
    real.putEnvelope(envelope);
  }

  @Override
  public Optional<RoomEnvelope> findEnvelope(RoomId room, int epoch, UserId member,
      KeyVersion memberKeyVersion) {
    return real.findEnvelope(room, epoch, member, memberKeyVersion);
  }

  @Override
  public List<RoomEnvelope> envelopes(RoomId room, UserId member) {
    return real.envelopes(room, member);
  }

  @Override
  public List<RoomEnvelope> envelopesOfEpoch(RoomId room, int epoch) {
    return real.envelopesOfEpoch(room, epoch);
  }

  @Override
  public int deleteEnvelopes(RoomId room, UserId member) {
    return real.deleteEnvelopes(room, member);
  }

  @Override
  public RoomEntry createEntry(RoomEntry entry) {
    return real.createEntry(entry);
  }

  @Override
  public Optional<RoomEntry> findEntry(RoomId room, FileId id) {
    return real.findEntry(room, id).map(views.entry);
  }

  @Override
  public Page<RoomEntry> entries(RoomId room, PageRequest page) {
    Page<RoomEntry> found = real.entries(room, page);
    return new Page<>(found.items().stream().map(views.entry).toList(),
        found.nextCursor());
  }

  @Override
  public RoomEntry updateEntry(RoomEntry entry) {
    return real.updateEntry(entry);
  }

  @Override
  public boolean deleteEntry(RoomId room, FileId id) {
    return real.deleteEntry(room, id);
  }
}
