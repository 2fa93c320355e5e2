package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.memory.RoomData.EpochSlot;
import dev.secupass.core.internal.memory.RoomData.MemberSlot;
import dev.secupass.core.internal.memory.RoomData.Parent;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link RoomStore}: per room, sorted members, the log, two envelope indexes, the
 * entries by id and by folder; plus the rooms of each member.
 */
public final class MemoryRoomStore implements RoomStore {
  private static final NavigableMap<EpochSlot, RoomEnvelope> EMPTY_ENVELOPES =
      Collections.emptyNavigableMap();
  /** What reads of a room that does not exist see; never written. */
  private static final RoomData NO_ROOM = new RoomData();

  private final Access access;
  private final State state;

  public MemoryRoomStore(Access access) {
    this(access, new State());
  }

  private MemoryRoomStore(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryRoomStore bind(Access other) {
    return new MemoryRoomStore(other, state);
  }

  @Override
  public Room create(Room room) {
    if (room.revision() != 0) {
      throw new IllegalArgumentException("a new room must have revision 0");
    }
    return access.write(journal -> {
      if (state.rooms.containsKey(room.id())) {
        throw new ConflictException("room " + room.id() + " exists");
      }
      Room stored = room.withRevision(1);
      journal.put(state.rooms, room.id(), stored);
      journal.put(state.data, room.id(), new RoomData());
      return stored;
    });
  }

  @Override
  public Optional<Room> find(RoomId id) {
    return access.read(() -> Optional.ofNullable(state.rooms.get(id)));
  }

  @Override
  public List<MemberRoom> roomsOf(UserId member) {
    return access.read(() -> state.roomsOf.get(member).stream()
        .map(room -> new MemberRoom(room(room),
            Objects.requireNonNull(data(room).members.get(member), "member index")))
        .toList());
  }

  @Override
  public Room updateRoom(Room room) {
    return access.write(journal -> {
      Room stored = room(room.id());
      if (stored.revision() != room.revision()) {
        throw new ConflictException("room " + room.id() + " changed since it was read");
      }
      if (room.nameEpoch() > stored.epoch()) {
        throw new IllegalArgumentException("room " + room.id() + " is at epoch " + stored.epoch()
            + "; its name cannot be sealed under epoch " + room.nameEpoch());
      }
      Room updated = stored.withName(room.name(), room.nameEpoch())
          .withRevision(stored.revision() + 1);
      journal.put(state.rooms, room.id(), updated);
      return updated;
    });
  }

  @Override
  public Room advanceEpoch(RoomId id, int expectedEpoch) {
    return access.write(journal -> {
      Room room = room(id);
      if (room.epoch() != expectedEpoch) {
        throw new ConflictException(
            "room " + id + " is at epoch " + room.epoch() + ", not " + expectedEpoch);
      }
      Room advanced = room.withEpoch(expectedEpoch + 1).withRevision(room.revision() + 1);
      journal.put(state.rooms, id, advanced);
      return advanced;
    });
  }

  @Override
  public void appendMembership(MembershipEntry entry) {
    access.write(journal -> {
      RoomData data = data(entry.room());
      if (entry.sequence() != data.log.size()) {
        throw new ConflictException("membership log of room " + entry.room()
            + " expects sequence " + data.log.size() + ", got " + entry.sequence());
      }
      journal.append(data.log, entry);
      return null;
    });
  }

  @Override
  public List<MembershipEntry> membershipLog(RoomId room) {
    return access.read(() -> {
      RoomData data = state.data.get(room);
      return data == null ? List.of() : List.copyOf(data.log);
    });
  }

  @Override
  public void putMember(RoomMember member) {
    access.write(journal -> {
      journal.put(data(member.room()).members, member.user(), member);
      state.roomsOf.add(journal, member.user(), member.room());
      return null;
    });
  }

  @Override
  public boolean removeMember(RoomId room, UserId user) {
    return access.write(journal -> {
      RoomData data = state.data.get(room);
      if (data == null || journal.remove(data.members, user) == null) {
        return false;
      }
      state.roomsOf.remove(journal, user, room);
      return true;
    });
  }

  @Override
  public Optional<RoomMember> findMember(RoomId room, UserId user) {
    return access.read(() -> Optional.ofNullable(existing(room).members.get(user)));
  }

  @Override
  public List<RoomMember> members(RoomId room) {
    return access.read(() -> List.copyOf(existing(room).members.values()));
  }

  @Override
  public void putEnvelope(RoomEnvelope envelope) {
    access.write(journal -> {
      RoomData data = data(envelope.room());
      journal.put(
          data.envelopesByMember.computeIfAbsent(envelope.member(), m -> new TreeMap<>()),
          new EpochSlot(envelope.epoch(), envelope.memberKeyVersion()), envelope);
      journal.put(
          data.envelopesByEpoch.computeIfAbsent(envelope.epoch(), e -> new HashMap<>()),
          new MemberSlot(envelope.member(), envelope.memberKeyVersion()), envelope);
      return null;
    });
  }

  @Override
  public Optional<RoomEnvelope> findEnvelope(
      RoomId room, int epoch, UserId member, KeyVersion memberKeyVersion) {
    return access.read(() -> Optional.ofNullable(existing(room).envelopesByMember
        .getOrDefault(member, EMPTY_ENVELOPES).get(new EpochSlot(epoch, memberKeyVersion))));
  }

  @Override
  public List<RoomEnvelope> envelopes(RoomId room, UserId member) {
    return access.read(() -> List.copyOf(
        existing(room).envelopesByMember.getOrDefault(member, EMPTY_ENVELOPES).values()));
  }

  @Override
  public List<RoomEnvelope> envelopesOfEpoch(RoomId room, int epoch) {
    return access.read(() ->
        List.copyOf(existing(room).envelopesByEpoch.getOrDefault(epoch, Map.of()).values()));
  }

  @Override
  public int deleteEnvelopes(RoomId room, UserId member) {
    return access.write(journal -> {
      RoomData data = state.data.get(room);
      if (data == null) {
        return 0;
      }
      NavigableMap<EpochSlot, RoomEnvelope> envelopes =
          journal.remove(data.envelopesByMember, member);
      if (envelopes == null) {
        return 0;
      }
      for (EpochSlot slot : envelopes.keySet()) {
        journal.remove(Objects.requireNonNull(data.envelopesByEpoch.get(slot.epoch())),
            new MemberSlot(member, slot.version()));
      }
      return envelopes.size();
    });
  }

  @Override
  public RoomEntry createEntry(RoomEntry entry) {
    if (entry.revision() != 0) {
      throw new IllegalArgumentException("a new entry must have revision 0");
    }
    return access.write(journal -> {
      RoomData data = data(entry.room());
      requireFolder(data, entry);
      if (data.entries.containsKey(entry.id())) {
        throw new ConflictException("room " + entry.room() + " has an entry " + entry.id());
      }
      RoomEntry stored = entry.withRevision(1);
      journal.put(data.entries, entry.id(), stored);
      data.children.add(journal, new Parent(entry.parent()), entry.id());
      return stored;
    });
  }

  @Override
  public Optional<RoomEntry> findEntry(RoomId room, FileId id) {
    return access.read(() -> Optional.ofNullable(existing(room).entries.get(id)));
  }

  @Override
  public Page<RoomEntry> entries(RoomId room, PageRequest page) {
    return access.read(() -> {
      NavigableMap<FileId, RoomEntry> entries = existing(room).entries;
      NavigableMap<FileId, RoomEntry> rest = page.after()
          .map(cursor -> entries.tailMap(cursorId(cursor), false))
          .orElse(entries);
      return Pages.of(rest.values().iterator(), page.limit(), e -> e, e -> e.id().value());
    });
  }

  @Override
  public Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page) {
    return access.read(() -> {
      RoomData data = existing(room);
      NavigableSet<FileId> ids = data.children.get(new Parent(folder));
      NavigableSet<FileId> rest = page.after()
          .map(cursor -> ids.tailSet(cursorId(cursor), false))
          .orElse(ids);
      return Pages.of(rest.iterator(), page.limit(),
          id -> Objects.requireNonNull(data.entries.get(id), "folder index"), FileId::value);
    });
  }

  @Override
  public RoomEntry updateEntry(RoomEntry entry) {
    return access.write(journal -> {
      RoomData data = data(entry.room());
      RoomEntry stored = data.entries.get(entry.id());
      if (stored == null) {
        throw new NotFoundException("no entry " + entry.id() + " in room " + entry.room());
      }
      if (stored.revision() != entry.revision()) {
        throw new ConflictException("entry " + entry.id() + " of room " + entry.room()
            + " changed since it was read");
      }
      requireFolder(data, entry);
      RoomEntry updated = entry.withRevision(stored.revision() + 1);
      journal.put(data.entries, entry.id(), updated);
      data.children.remove(journal, new Parent(stored.parent()), entry.id());
      data.children.add(journal, new Parent(entry.parent()), entry.id());
      return updated;
    });
  }

  @Override
  public boolean deleteEntry(RoomId room, FileId id) {
    return access.write(journal -> {
      RoomData data = state.data.get(room);
      RoomEntry stored = data == null ? null : data.entries.get(id);
      if (data == null || stored == null) {
        return false;
      }
      if (!data.children.get(new Parent(id)).isEmpty()) {
        throw new ConflictException("folder " + id + " of room " + room + " is not empty");
      }
      journal.remove(data.entries, id);
      data.children.remove(journal, new Parent(stored.parent()), id);
      return true;
    });
  }

  private static void requireFolder(RoomData data, RoomEntry entry) {
    FileId parent = entry.parent();
    if (parent == null) {
      return;
    }
    RoomEntry folder = data.entries.get(parent);
    if (folder == null || folder.kind() != RoomEntry.Kind.FOLDER) {
      throw new NotFoundException("no folder " + parent + " in room " + entry.room());
    }
  }

  private static FileId cursorId(String cursor) {
    try {
      return FileId.of(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed page cursor", e);
    }
  }

  private Room room(RoomId id) {
    Room room = state.rooms.get(id);
    if (room == null) {
      throw new NotFoundException("no room " + id);
    }
    return room;
  }

  /** The data of an existing room, or {@link NotFoundException}. */
  private RoomData data(RoomId id) {
    room(id);
    return Objects.requireNonNull(state.data.get(id));
  }

  /** The data of the room, or an empty one if there is no such room (for reads). */
  private RoomData existing(RoomId id) {
    return state.data.getOrDefault(id, NO_ROOM);
  }

  private static final class State {
    final Map<RoomId, Room> rooms = new HashMap<>();
    final Map<RoomId, RoomData> data = new HashMap<>();
    final SetIndex<UserId, RoomId> roomsOf = new SetIndex<>();
  }
}
