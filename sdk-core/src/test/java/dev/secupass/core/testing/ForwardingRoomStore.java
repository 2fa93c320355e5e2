package dev.secupass.core.testing;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RoomStore} that hands every call on to another one; test stores override the calls
 * they change (broken stores for the kit's teeth, a storage operator's view of room data).
 */
public abstract class ForwardingRoomStore implements RoomStore {
  protected final RoomStore real;

  protected ForwardingRoomStore(RoomStore real) {
    this.real = real;
  }

  @Override
  public Room create(Room room) {
    return real.create(room);
  }

  @Override
  public Optional<Room> find(RoomId id) {
    return real.find(id);
  }

  @Override
  public List<MemberRoom> roomsOf(UserId member) {
    return real.roomsOf(member);
  }

  @Override
  public Room updateRoom(Room room) {
    return real.updateRoom(room);
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
    return real.membershipLog(room);
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
    return real.members(room);
  }

  @Override
  public void putEnvelope(RoomEnvelope envelope) {
    real.putEnvelope(envelope);
  }

  @Override
  public Optional<RoomEnvelope> findEnvelope(RoomId room, int epoch, UserId member, KeyVersion memberKeyVersion) {
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
    return real.findEntry(room, id);
  }

  @Override
  public Page<RoomEntry> entries(RoomId room, PageRequest page) {
    return real.entries(room, page);
  }

  @Override
  public Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page) {
    return real.entriesIn(room, folder, page);
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
