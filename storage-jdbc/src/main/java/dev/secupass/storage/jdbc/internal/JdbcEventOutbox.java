package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.Page;
import dev.secupass.spi.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link EventOutbox} on the {@code event_outbox} table. An identity column {@code seq} records
 * the order of appends; pending events are those not yet acknowledged.
 */
public final class JdbcEventOutbox implements EventOutbox {
  private static final String SELECT =
      "SELECT seq, id, event_type, audience_id, payload, created_at FROM {p}event_outbox";

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
            .map((rs, ctx) -> event(rs, ctx).getValue())
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
    Long before = page.after().map(Cursors::decodeSequence).orElse(null);
    return session.read("read the events for " + audience, h -> {
      Query query = h.createQuery(schema.sql(SELECT + " WHERE audience_id = :audience"
              + (before == null ? "" : " AND seq < :before") + " ORDER BY seq DESC LIMIT :limit"))
          .bind("audience", audience.value())
          .bind("limit", page.limit() + 1);
      if (before != null) {
        query.bind("before", before.longValue());
      }
      return Pages.bySequence(query.map(JdbcEventOutbox::event).list(), page.limit());
    });
  }

  private static Map.Entry<Long, Event> event(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return Map.entry(rs.getLong("seq"), new Event(
        EventId.of(rs.getString("id")),
        rs.getString("event_type"),
        UserId.of(rs.getString("audience_id")),
        rs.getBytes("payload"),
        Times.read(rs, "created_at")));
  }
}
