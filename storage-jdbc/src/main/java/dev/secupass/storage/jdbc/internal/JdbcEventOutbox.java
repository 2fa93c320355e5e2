package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link EventOutbox} on the {@code event_outbox} table. An identity column {@code seq} records
 * the order of appends, which is the order of {@link #pending}; the audience's listing is newest
 * first by creation time, then id.
 */
public final class JdbcEventOutbox implements EventOutbox {
  private static final String SELECT =
      "SELECT id, event_type, audience_id, payload, created_at FROM {p}event_outbox";
  /** Keyset condition: strictly after the cursor in (created_at DESC, id DESC) order. */
  private static final String BEFORE =
      " AND created_at <= :at AND (created_at < :at OR id < :id)";

  private final Session session;
  private final Schema schema;

  public JdbcEventOutbox(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public void append(Event event) {
    session.write("append event " + event.id(), h ->
        h.createUpdate(schema.sql("INSERT INTO {p}event_outbox (id, event_type, audience_id,"
                + " payload, created_at, pending) VALUES (:id, :type, :audience, :payload,"
                + " :created_at, TRUE)"))
            .bind("id", event.id().value())
            .bind("type", event.type())
            .bind("audience", event.audience().value())
            .bind("payload", event.payload())
            .bind("created_at", event.createdAt())
            .execute());
  }

  @Override
  public List<Event> pending(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    return session.read("read pending events", h ->
        h.createQuery(schema.sql(SELECT + " WHERE pending = TRUE ORDER BY seq LIMIT :limit"))
            .bind("limit", limit)
            .map(JdbcEventOutbox::event)
            .list());
  }

  @Override
  public void acknowledge(EventId id) {
    session.write("acknowledge event " + id, h ->
        h.createUpdate(schema.sql("UPDATE {p}event_outbox SET pending = FALSE WHERE id = :id"))
            .bind("id", id.value())
            .execute());
  }

  @Override
  public Page<Event> forAudience(UserId audience, PageRequest page) {
    Cursors.TimeAndId before = page.after().map(Cursors::decodeTimeAndId).orElse(null);
    return session.read("read the events for " + audience, h -> {
      Query query = h.createQuery(schema.sql(SELECT + " WHERE audience_id = :audience"
              + (before == null ? "" : BEFORE) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
          .bind("audience", audience.value())
          .bind("limit", page.limit() + 1);
      if (before != null) {
        query.bind("at", before.at()).bind("id", before.id());
      }
      return Pages.of(query.map(JdbcEventOutbox::event).list(), page.limit(), e -> e,
          e -> Cursors.encode(e.createdAt(), e.id().value()));
    });
  }

  private static Event event(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Event(
        EventId.of(rs.getString("id")),
        rs.getString("event_type"),
        UserId.of(rs.getString("audience_id")),
        rs.getBytes("payload"),
        Times.read(rs, "created_at"));
  }
}
