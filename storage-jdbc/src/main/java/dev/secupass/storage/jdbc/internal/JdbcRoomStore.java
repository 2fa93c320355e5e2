package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@link RoomStore} on the {@code room}, {@code room_member}, {@code room_membership} and {@code
 * room_envelope} tables; the folder and file index is {@link RoomIndex}. The membership log's
 * sequence is the primary key, so of two appends with the same sequence exactly one is stored.
 */
public final class JdbcRoomStore implements RoomStore {
  private final Session session;
  private final Schema schema;
  private final RoomIndex index;

  public JdbcRoomStore(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
    this.index = new RoomIndex(session, schema);
  }

  @Override
  public Room create(Room room) {
    if (room.revision() != 0) {
      throw new IllegalArgumentException("a new room must have revision 0");
    }
    Room stored = new Room(room.id(), room.createdBy(), Times.stored(room.createdAt()),
        room.epoch(), room.name(), room.nameEpoch(), 1);
    session.write("create room " + room.id(), h ->
        h.createUpdate(schema.sql("INSERT INTO {p}room (id, created_by, created_at, epoch, name,"
                + " name_epoch, revision) VALUES (:id, :created_by, :created_at, :epoch, :name,"
                + " :name_epoch, :revision)"))
            .bind("id", stored.id().value())
            .bind("created_by", stored.createdBy().value())
            .bind("created_at", stored.createdAt())
            .bind("epoch", stored.epoch())
            .bind("name", stored.name())
            .bind("name_epoch", stored.nameEpoch())
            .bind("revision", stored.revision())
            .execute());
    return stored;
  }

  @Override
  public Optional<Room> find(RoomId id) {
    return session.read("find room " + id, h -> find(h, id));
  }

  @Override
  public List<MemberRoom> roomsOf(UserId member) {
    return session.read("find the rooms of " + member, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.ROOM + ", m.user_id, m.role, m.added_at"
                + " FROM {p}room_member m JOIN {p}room r ON r.id = m.room_id"
                + " WHERE m.user_id = :user ORDER BY m.room_id"))
            .bind("user", member.value())
            .map(RoomRows::memberRoom)
            .list());
  }

  @Override
  public Room updateRoom(Room room) {
    return session.write("rename room " + room.id(), h -> {
      int changed = h.createUpdate(schema.sql("UPDATE {p}room SET name = :name,"
              + " name_epoch = :name_epoch, revision = revision + 1"
              + " WHERE id = :id AND revision = :revision AND epoch >= :name_epoch"))
          .bind("id", room.id().value())
          .bind("name", room.name())
          .bind("name_epoch", room.nameEpoch())
          .bind("revision", room.revision())
          .execute();
      Room stored = find(h, room.id()).orElseThrow(() -> RoomIndex.roomNotFound(room.id()));
      if (changed == 0 && stored.revision() != room.revision()) {
        throw new ConflictException("room " + room.id() + " was changed since revision "
            + room.revision());
      }
      if (changed == 0) {
        throw new IllegalArgumentException("room " + room.id() + " is at epoch " + stored.epoch()
            + "; its name cannot be sealed under epoch " + room.nameEpoch());
      }
      return stored;
    });
  }

  @Override
  public Room advanceEpoch(RoomId id, int expectedEpoch) {
    return session.write("advance the key epoch of room " + id, h -> {
      int changed = h.createUpdate(schema.sql("UPDATE {p}room SET epoch = epoch + 1,"
              + " revision = revision + 1 WHERE id = :id AND epoch = :epoch"))
          .bind("id", id.value())
          .bind("epoch", expectedEpoch)
          .execute();
      Room room = find(h, id).orElseThrow(() -> RoomIndex.roomNotFound(id));
      if (changed == 0) {
        throw new ConflictException(
            "room " + id + " is at epoch " + room.epoch() + ", not " + expectedEpoch);
      }
      return room;
    });
  }

  @Override
  public void appendMembership(MembershipEntry entry) {
    session.write("append to the membership log of room " + entry.room(), h -> {
      requireRoom(h, entry.room());
      long next = h.createQuery(schema.sql("SELECT COALESCE(MAX(seq_no) + 1, 0)"
              + " FROM {p}room_membership WHERE room_id = :room"))
          .bind("room", entry.room().value())
          .mapTo(Long.class)
          .one();
      if (entry.sequence() != next) {
        throw new ConflictException("the membership log of room " + entry.room()
            + " continues at " + next + ", not " + entry.sequence());
      }
      return h.createUpdate(schema.sql("INSERT INTO {p}room_membership (" + RoomRows.MEMBERSHIP
              + ") VALUES (:room, :seq, :entry, :created_at)"))
          .bind("room", entry.room().value())
          .bind("seq", entry.sequence())
          .bind("entry", entry.entry())
          .bind("created_at", entry.createdAt())
          .execute();
    });
  }

  @Override
  public List<MembershipEntry> membershipLog(RoomId room) {
    return session.read("read the membership log of room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.MEMBERSHIP + " FROM {p}room_membership"
                + " WHERE room_id = :room ORDER BY seq_no"))
            .bind("room", room.value())
            .map(RoomRows::membership)
            .list());
  }

  @Override
  public void putMember(RoomMember member) {
    session.write("put member " + member.user() + " into room " + member.room(), h -> {
      requireRoom(h, member.room());
      return h.createUpdate(schema.upsert("room_member", List.of("room_id", "user_id"),
              List.of("role", "added_at")))
          .bind("room_id", member.room().value())
          .bind("user_id", member.user().value())
          .bind("role", member.role().name())
          .bind("added_at", member.addedAt())
          .execute();
    });
  }

  @Override
  public boolean removeMember(RoomId room, UserId user) {
    return session.write("remove member " + user + " from room " + room, h ->
        h.createUpdate(schema.sql(
                "DELETE FROM {p}room_member WHERE room_id = :room AND user_id = :user"))
            .bind("room", room.value())
            .bind("user", user.value())
            .execute() > 0);
  }

  @Override
  public Optional<RoomMember> findMember(RoomId room, UserId user) {
    return session.read("find member " + user + " of room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.MEMBER + " FROM {p}room_member"
                + " WHERE room_id = :room AND user_id = :user"))
            .bind("room", room.value())
            .bind("user", user.value())
            .map(RoomRows::member)
            .findOne());
  }

  @Override
  public List<RoomMember> members(RoomId room) {
    return session.read("read the members of room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.MEMBER + " FROM {p}room_member"
                + " WHERE room_id = :room ORDER BY user_id"))
            .bind("room", room.value())
            .map(RoomRows::member)
            .list());
  }

  @Override
  public void putEnvelope(RoomEnvelope e) {
    session.write("store an envelope of room " + e.room(), h -> {
      requireRoom(h, e.room());
      return h.createUpdate(schema.upsert("room_envelope",
              List.of("room_id", "member_id", "epoch", "key_version"),
              List.of("granter_id", "envelope", "created_at")))
          .bind("room_id", e.room().value())
          .bind("member_id", e.member().value())
          .bind("epoch", e.epoch())
          .bind("key_version", e.memberKeyVersion().value())
          .bind("granter_id", e.granter().value())
          .bind("envelope", e.envelope())
          .bind("created_at", e.createdAt())
          .execute();
    });
  }

  @Override
  public Optional<RoomEnvelope> findEnvelope(
      RoomId room, int epoch, UserId member, KeyVersion memberKeyVersion) {
    return session.read("find an envelope of room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.ENVELOPE + " FROM {p}room_envelope"
                + " WHERE room_id = :room AND member_id = :member AND epoch = :epoch"
                + " AND key_version = :version"))
            .bind("room", room.value())
            .bind("member", member.value())
            .bind("epoch", epoch)
            .bind("version", memberKeyVersion.value())
            .map(RoomRows::envelope)
            .findOne());
  }

  @Override
  public List<RoomEnvelope> envelopes(RoomId room, UserId member) {
    return session.read("read the envelopes of " + member + " in room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.ENVELOPE + " FROM {p}room_envelope"
                + " WHERE room_id = :room AND member_id = :member ORDER BY epoch, key_version"))
            .bind("room", room.value())
            .bind("member", member.value())
            .map(RoomRows::envelope)
            .list());
  }

  @Override
  public List<RoomEnvelope> envelopesOfEpoch(RoomId room, int epoch) {
    return session.read("read the envelopes of epoch " + epoch + " of room " + room, h ->
        h.createQuery(schema.sql("SELECT " + RoomRows.ENVELOPE + " FROM {p}room_envelope"
                + " WHERE room_id = :room AND epoch = :epoch"))
            .bind("room", room.value())
            .bind("epoch", epoch)
            .map(RoomRows::envelope)
            .list());
  }

  @Override
  public int deleteEnvelopes(RoomId room, UserId member) {
    return session.write("delete the envelopes of " + member + " in room " + room, h ->
        h.createUpdate(schema.sql(
                "DELETE FROM {p}room_envelope WHERE room_id = :room AND member_id = :member"))
            .bind("room", room.value())
            .bind("member", member.value())
            .execute());
  }

  @Override
  public RoomEntry createEntry(RoomEntry entry) {
    return index.create(entry);
  }

  @Override
  public Optional<RoomEntry> findEntry(RoomId room, FileId id) {
    return index.find(room, id);
  }

  @Override
  public Page<RoomEntry> entries(RoomId room, PageRequest page) {
    return index.page(room, page);
  }

  @Override
  public Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page) {
    return index.folderPage(room, folder, page);
  }

  @Override
  public RoomEntry updateEntry(RoomEntry entry) {
    return index.update(entry);
  }

  @Override
  public boolean deleteEntry(RoomId room, FileId id) {
    return index.delete(room, id);
  }

  private Optional<Room> find(Handle h, RoomId id) {
    return h.createQuery(schema.sql("SELECT " + RoomRows.ROOM + " FROM {p}room r WHERE r.id = :id"))
        .bind("id", id.value())
        .map(RoomRows::room)
        .findOne();
  }

  private void requireRoom(Handle h, RoomId id) {
    RoomIndex.requireRoom(h, schema, id);
  }
}
