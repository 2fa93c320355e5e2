package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.Lease;
import dev.secupass.storage.jdbc.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link EventOutbox} on the {@code event_outbox} table. An identity column {@code seq} records
 * the order of appends, which is the order of {@link #claim}; the audience's listing is newest
 * first by creation time, then id.
 *
 * <p>A claim locks free pending rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} (on H2 one row
 * at a time, as the grant queue does) and sets their lease with an {@code UPDATE} that re-checks
 * that no unexpired lease holds the row, so concurrent claims in many processes take disjoint
 * events without waiting for each other.
 */
public final class JdbcEventOutbox implements EventOutbox {
  private static final String SELECT =
      "SELECT id, event_type, audience_id, payload, created_at FROM {p}event_outbox";
  private static final String FREE =
      "pending = TRUE AND (lease_token IS NULL OR lease_expires_at <= :now)";
  /** Keyset condition: strictly after the cursor in (created_at DESC, id DESC) order. */
  private static final String BEFORE =
      " AND created_at <= :at AND (created_at < :at OR id < :id)";

  private final Session session;
  private final Schema schema;

  public JdbcEventOutbox(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  private static final String INSERT = "INSERT INTO {p}event_outbox (id, event_type,"
      + " audience_id, payload, created_at, pending) VALUES (:id, :type, :audience, :payload,"
      + " :created_at, TRUE)";

  @Override
  public void append(Event event) {
    if (event.lease() != null) {
      throw new IllegalArgumentException("a new event carries no lease");
    }
    session.write("append event " + event.id(), h ->
        h.createUpdate(schema.sql(INSERT))
            .bind("id", event.id().value())
            .bind("type", event.type())
            .bind("audience", event.audience().value())
            .bind("payload", event.payload())
            .bind("created_at", event.createdAt())
            .execute());
  }

  /** One batch of inserts. */
  @Override
  public void appendAll(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    if (events.stream().anyMatch(event -> event.lease() != null)) {
      throw new IllegalArgumentException("a new event carries no lease");
    }
    session.write("append " + events.size() + " events", h -> {
      PreparedBatch batch = h.prepareBatch(schema.sql(INSERT));
      for (Event event : events) {
        batch.bind("id", event.id().value())
            .bind("type", event.type())
            .bind("audience", event.audience().value())
            .bind("payload", event.payload())
            .bind("created_at", event.createdAt())
            .add();
      }
      return batch.execute();
    });
  }

  @Override
  public List<Event> claim(int limit, Duration leaseDuration) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("lease duration must be positive");
    }
    return session.write("claim events", h -> {
      Instant now = Times.now(schema.clock());
      Instant expiry = Times.stored(now.plus(leaseDuration));
      List<Long> locked = schema.dialect() == Dialect.H2
          ? lockEach(h, now, limit)
          : h.createQuery(schema.sql("SELECT seq FROM {p}event_outbox WHERE " + FREE
                  + " ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED"))
              .bind("now", now)
              .bind("limit", limit)
              .mapTo(Long.class)
              .list();
      List<Event> claimed = new ArrayList<>();
      for (long seq : locked) {
        String token = schema.randomToken();
        int leased = h.createUpdate(schema.sql("UPDATE {p}event_outbox"
                + " SET lease_token = :token, lease_expires_at = :expiry"
                + " WHERE seq = :seq AND " + FREE))
            .bind("token", token)
            .bind("expiry", expiry)
            .bind("seq", seq)
            .bind("now", now)
            .execute();
        if (leased == 1) {
          h.createQuery(schema.sql(SELECT + " WHERE seq = :seq"))
              .bind("seq", seq)
              .map(JdbcEventOutbox::event)
              .findOne()
              .ifPresent(event -> claimed.add(event.withLease(new Lease(token, expiry))));
        }
      }
      return claimed;
    });
  }

  /**
   * H2 locks every row a {@code FOR UPDATE} query reads before it applies {@code LIMIT} (see the
   * grant queue): list free rows without locking, then lock them one at a time.
   */
  private List<Long> lockEach(Handle h, Instant now, int limit) {
    List<Long> locked = new ArrayList<>();
    long after = -1;
    while (locked.size() < limit) {
      List<Long> free = h.createQuery(schema.sql("SELECT seq FROM {p}event_outbox WHERE " + FREE
              + " AND seq > :after ORDER BY seq LIMIT :limit"))
          .bind("now", now)
          .bind("after", after)
          .bind("limit", limit)
          .mapTo(Long.class)
          .list();
      for (int i = 0; i < free.size() && locked.size() < limit; i++) {
        boolean mine = h.createQuery(schema.sql("SELECT seq FROM {p}event_outbox"
                + " WHERE seq = :seq AND " + FREE + " FOR UPDATE SKIP LOCKED"))
            .bind("seq", free.get(i))
            .bind("now", now)
            .mapTo(Long.class)
            .findOne()
            .isPresent();
        if (mine) {
          locked.add(free.get(i));
        }
      }
      if (free.size() < limit) {
        break;
      }
      after = free.get(free.size() - 1);
    }
    return locked;
  }

  @Override
  public void acknowledge(EventId id) {
    session.write("acknowledge event " + id, h ->
        h.createUpdate(schema.sql("UPDATE {p}event_outbox SET pending = FALSE,"
                + " lease_token = NULL, lease_expires_at = NULL WHERE id = :id"))
            .bind("id", id.value())
            .execute());
  }

  @Override
  public void release(EventId id, String leaseToken) {
    session.write("release event " + id, h ->
        h.createUpdate(schema.sql("UPDATE {p}event_outbox SET lease_token = NULL,"
                + " lease_expires_at = NULL WHERE id = :id AND pending = TRUE"
                + " AND lease_token = :token"))
            .bind("id", id.value())
            .bind("token", leaseToken)
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
