package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.spi.MemberRoom;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads the rows of the room tables. */
final class RoomRows {
  static final String ROOM =
      "r.id, r.created_by, r.created_at, r.epoch, r.name, r.name_epoch, r.revision";
  static final String MEMBER = "room_id, user_id, role, added_at";
  static final String MEMBERSHIP = "room_id, seq_no, entry, created_at";
  static final String ENVELOPE =
      "room_id, member_id, epoch, key_version, granter_id, envelope, created_at";
  static final String ENTRY = "room_id, id, parent_id, kind, epoch, name, blob_id, plain_size,"
      + " header, created_at, revision";

  private RoomRows() {}

  static Room room(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Room(
        RoomId.of(rs.getString("id")),
        UserId.of(rs.getString("created_by")),
        Times.read(rs, "created_at"),
        rs.getInt("epoch"),
        rs.getBytes("name"),
        rs.getInt("name_epoch"),
        rs.getLong("revision"));
  }

  /** A room and one member's record, from {@link #ROOM} and {@code m.user_id, m.role, m.added_at}. */
  static MemberRoom memberRoom(ResultSet rs, StatementContext ctx) throws SQLException {
    Room room = room(rs, ctx);
    return new MemberRoom(room, new RoomMember(room.id(), UserId.of(rs.getString("user_id")),
        RoomRole.valueOf(rs.getString("role")), Times.read(rs, "added_at")));
  }

  static RoomMember member(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RoomMember(
        RoomId.of(rs.getString("room_id")),
        UserId.of(rs.getString("user_id")),
        RoomRole.valueOf(rs.getString("role")),
        Times.read(rs, "added_at"));
  }

  static MembershipEntry membership(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MembershipEntry(
        RoomId.of(rs.getString("room_id")),
        rs.getLong("seq_no"),
        rs.getBytes("entry"),
        Times.read(rs, "created_at"));
  }

  static RoomEnvelope envelope(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RoomEnvelope(
        RoomId.of(rs.getString("room_id")),
        rs.getInt("epoch"),
        UserId.of(rs.getString("member_id")),
        KeyVersion.of(rs.getInt("key_version")),
        UserId.of(rs.getString("granter_id")),
        rs.getBytes("envelope"),
        Times.read(rs, "created_at"));
  }

  static RoomEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
    String parent = rs.getString("parent_id");
    String blob = rs.getString("blob_id");
    return new RoomEntry(
        RoomId.of(rs.getString("room_id")),
        FileId.of(rs.getString("id")),
        parent == null ? null : FileId.of(parent),
        RoomEntry.Kind.valueOf(rs.getString("kind")),
        rs.getInt("epoch"),
        rs.getBytes("name"),
        blob == null ? null : BlobId.of(blob),
        rs.getLong("plain_size"),
        rs.getBytes("header"),
        Times.read(rs, "created_at"),
        rs.getLong("revision"));
  }
}
