package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.spi.RoomEntry;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * A room's folder and file index on the {@code room_entry} table. A foreign key from {@code
 * (room_id, parent_id)} to the entries themselves keeps every parent in place, also against
 * concurrent deletes; {@code folder_key} repeats the parent ({@code ""} at the top) for the index
 * {@code (room_id, folder_key, id)} that lists one folder.
 */
final class RoomIndex {
  private static final String SELECT = "SELECT " + RoomRows.ENTRY + " FROM {p}room_entry";

  private final Session session;
  private final Schema schema;

  RoomIndex(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  RoomEntry create(RoomEntry entry) {
    if (entry.revision() != 0) {
      throw new IllegalArgumentException("a new room entry must have revision 0");
    }
    RoomEntry stored = stored(entry, 1);
    return session.write("create entry " + entry.id() + " in room " + entry.room(), h -> {
      requireRoom(h, schema, entry.room());
      requireFolder(h, entry.room(), entry.parent());
      bind(h.createUpdate(schema.sql("INSERT INTO {p}room_entry (" + RoomRows.ENTRY
              + ", folder_key) VALUES (:room_id, :id, :parent_id, :kind, :epoch, :name, :blob_id,"
              + " :plain_size, :header, :created_at, :revision, :folder_key)")), stored)
          .execute();
      return stored;
    });
  }

  Optional<RoomEntry> find(RoomId room, FileId id) {
    return session.read("find entry " + id + " in room " + room, h -> find(h, room, id));
  }

  Page<RoomEntry> page(RoomId room, PageRequest page) {
    return session.read("list the entries of room " + room, h ->
        page(h, "room_id = :room", page, query -> query.bind("room", room.value())));
  }

  /** One page of the entries in a folder ({@code null}: the top), by the folder index. */
  Page<RoomEntry> folderPage(RoomId room, @Nullable FileId folder, PageRequest page) {
    return session.read("list a folder of room " + room, h ->
        page(h, "room_id = :room AND folder_key = :folder", page, query -> query
            .bind("room", room.value())
            .bind("folder", folderKey(folder))));
  }

  /** One page of the entries matching {@code where}, in id order from the page's cursor on. */
  private Page<RoomEntry> page(Handle h, String where, PageRequest page,
      Consumer<Query> binds) {
    String after = page.after().map(Cursors::decodeId).orElse(null);
    Query query = h.createQuery(schema.sql(SELECT + " WHERE " + where
            + (after == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit"))
        .bind("limit", page.limit() + 1);
    binds.accept(query);
    if (after != null) {
      query.bind("after", after);
    }
    return Pages.of(query.map(RoomRows::entry).list(), page.limit(), e -> e,
        e -> Cursors.encodeId(e.id().value()));
  }

  RoomEntry update(RoomEntry entry) {
    RoomEntry stored = stored(entry, entry.revision() + 1);
    return session.write("update entry " + entry.id() + " in room " + entry.room(), h -> {
      Optional<RoomEntry> current = find(h, entry.room(), entry.id());
      if (current.isEmpty()) {
        throw new NotFoundException(
            "room " + entry.room() + " has no entry " + entry.id());
      }
      if (current.get().revision() != entry.revision()) {
        throw new ConflictException("entry " + entry.id() + " was changed since revision "
            + entry.revision());
      }
      requireFolder(h, entry.room(), entry.parent());
      int changed = bind(h.createUpdate(schema.sql("UPDATE {p}room_entry SET"
              + " parent_id = :parent_id, folder_key = :folder_key, kind = :kind, epoch = :epoch,"
              + " name = :name,"
              + " blob_id = :blob_id, plain_size = :plain_size, header = :header,"
              + " created_at = :created_at, revision = :revision"
              + " WHERE room_id = :room_id AND id = :id AND revision = :old_revision")), stored)
          .bind("old_revision", entry.revision())
          .execute();
      if (changed == 0) {
        throw new ConflictException("entry " + entry.id() + " was changed since revision "
            + entry.revision());
      }
      return stored;
    });
  }

  boolean delete(RoomId room, FileId id) {
    return session.write("delete entry " + id + " in room " + room, h -> {
      boolean hasChildren = h.createQuery(schema.sql("SELECT 1 FROM {p}room_entry"
              + " WHERE room_id = :room AND parent_id = :id"))
          .bind("room", room.value())
          .bind("id", id.value())
          .setMaxRows(1)
          .mapTo(Integer.class)
          .findFirst()
          .isPresent();
      if (hasChildren) {
        throw new ConflictException("folder " + id + " in room " + room + " is not empty");
      }
      return h.createUpdate(schema.sql("DELETE FROM {p}room_entry WHERE room_id = :room"
              + " AND id = :id"))
          .bind("room", room.value())
          .bind("id", id.value())
          .execute() > 0;
    });
  }

  static void requireRoom(Handle h, Schema schema, RoomId id) {
    boolean exists = h.createQuery(schema.sql("SELECT 1 FROM {p}room WHERE id = :id"))
        .bind("id", id.value())
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
    if (!exists) {
      throw roomNotFound(id);
    }
  }

  static NotFoundException roomNotFound(RoomId id) {
    return new NotFoundException("there is no room " + id);
  }

  private void requireFolder(Handle h, RoomId room, @Nullable FileId parent) {
    if (parent == null) {
      return;
    }
    boolean folder = find(h, room, parent)
        .map(e -> e.kind() == RoomEntry.Kind.FOLDER)
        .orElse(false);
    if (!folder) {
      throw new NotFoundException("room " + room + " has no folder " + parent);
    }
  }

  private Optional<RoomEntry> find(Handle h, RoomId room, FileId id) {
    return h.createQuery(schema.sql(SELECT + " WHERE room_id = :room AND id = :id"))
        .bind("room", room.value())
        .bind("id", id.value())
        .map(RoomRows::entry)
        .findOne();
  }

  private static Update bind(Update update, RoomEntry e) {
    FileId parent = e.parent();
    return update
        .bind("room_id", e.room().value())
        .bind("id", e.id().value())
        .bind("parent_id", parent == null ? null : parent.value())
        .bind("folder_key", folderKey(parent))
        .bind("kind", e.kind().name())
        .bind("epoch", e.epoch())
        .bind("name", e.name())
        .bind("blob_id", e.blob() == null ? null : e.blob().value())
        .bind("plain_size", e.size())
        .bind("header", e.header())
        .bind("created_at", e.createdAt())
        .bind("revision", e.revision());
  }

  /**
   * The {@code folder_key} of the entries in {@code folder}: its id, or {@code ""} for the top (a
   * key the index orders by, where a NULL parent would make PostgreSQL sort the whole top).
   */
  private static String folderKey(@Nullable FileId folder) {
    return folder == null ? "" : folder.value();
  }

  private static RoomEntry stored(RoomEntry e, long revision) {
    return new RoomEntry(e.room(), e.id(), e.parent(), e.kind(), e.epoch(), e.name(), e.blob(),
        e.size(), e.header(), Times.stored(e.createdAt()), revision);
  }
}
