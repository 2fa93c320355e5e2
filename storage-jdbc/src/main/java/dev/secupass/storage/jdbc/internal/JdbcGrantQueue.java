package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantQueueSummary;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Lease;
import dev.secupass.storage.jdbc.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * {@link GrantQueue} on the {@code grant_queue} table.
 *
 * <p>Claims lock the candidate rows with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so workers in
 * many processes take disjoint grants without waiting for each other, and then set the lease with
 * an {@code UPDATE} that re-checks that no unexpired lease holds the row (on H2 the rows are
 * locked one at a time, see {@link #lockEach}). "One open grant per target and recipient" is a
 * unique index on {@code (target_kind, target_id, recipient_id, open_marker)}, where the marker is
 * NULL once the grant is final.
 */
public final class JdbcGrantQueue implements GrantQueue {
  private static final String SELECT = "SELECT " + GrantRows.COLUMNS + " FROM {p}grant_queue";
  private static final String OPEN = "state IN ('WAITING_FOR_KEY', 'READY')";
  private static final String FREE =
      "state = 'READY' AND (lease_token IS NULL OR lease_expires_at <= :now)";

  private static final String COMPLETE = "UPDATE {p}grant_queue SET state = 'DONE',"
      + " open_marker = NULL, lease_token = NULL, lease_expires_at = NULL,"
      + " updated_at = :now WHERE id = :id AND state = 'READY' AND lease_token = :token";

  private final Session session;
  private final Schema schema;

  public JdbcGrantQueue(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public Grant enqueue(Grant grant) {
    if (grant.state().isFinal() || grant.lease() != null) {
      throw new IllegalArgumentException("can only enqueue a grant that is open and not leased");
    }
    Grant stored = new Grant(grant.id(), grant.target(), grant.recipient(), grant.granter(),
        grant.state(), grant.recipientKeyVersion(), Times.stored(grant.createdAt()),
        Times.stored(grant.updatedAt()), null);
    try {
      return session.write("enqueue grant " + grant.id(), h ->
          findOpen(h, grant.target(), grant.recipient()).orElseGet(() -> insert(h, stored)));
    } catch (ConflictException e) {
      // Either the id is taken, or a concurrent enqueue for the same target and recipient won.
      return session.read("enqueue grant " + grant.id(),
          h -> findOpen(h, grant.target(), grant.recipient())).orElseThrow(() -> e);
    }
  }

  @Override
  public Optional<Grant> find(GrantId id) {
    return session.read("find grant " + id, h -> find(h, id));
  }

  @Override
  public List<Grant> find(GrantFilter filter, Set<GrantState> states, int limit) {
    requirePositive(limit, "limit");
    GrantRows.Condition condition = GrantRows.Condition.of(filter);
    if (condition.matchesNothing() || states.isEmpty()) {
      return List.of();
    }
    String stateList = states.stream().map(s -> "'" + s.name() + "'").sorted()
        .collect(Collectors.joining(", "));
    return session.read("find grants", h ->
        condition.bind(h.createQuery(schema.sql(SELECT + " WHERE state IN (" + stateList + ")"
                + " AND " + condition.sql() + " ORDER BY created_at, id LIMIT :limit")))
            .bind("limit", limit)
            .map(GrantRows::grant)
            .list());
  }

  @Override
  public List<Grant> forRecipient(UserId recipient) {
    return session.read("find the grants for " + recipient, h ->
        h.createQuery(schema.sql(SELECT + " WHERE recipient_id = :recipient"
                + " ORDER BY created_at, id"))
            .bind("recipient", recipient.value())
            .map(GrantRows::grant)
            .list());
  }

  /**
   * Locks the recipient's waiting grants (an index range on {@code recipient_id}), changes exactly
   * those, and returns them as changed: two statements, whatever else the recipient has.
   */
  @Override
  public List<Grant> markReady(UserId recipient, KeyVersion version) {
    return session.write("mark the grants for " + recipient + " ready", h -> {
      List<Grant> waiting = h.createQuery(schema.sql(SELECT + " WHERE recipient_id = :recipient"
              + " AND state = 'WAITING_FOR_KEY' ORDER BY created_at, id FOR UPDATE"))
          .bind("recipient", recipient.value())
          .map(GrantRows::grant)
          .list();
      if (waiting.isEmpty()) {
        return List.of();
      }
      Instant now = Times.now(schema.clock());
      h.createUpdate(schema.sql("UPDATE {p}grant_queue SET state = 'READY',"
              + " key_version = :version, updated_at = :now"
              + " WHERE id IN (<ids>) AND state = 'WAITING_FOR_KEY'"))
          .bind("version", version.value())
          .bind("now", now)
          .bindList("ids", waiting.stream().map(grant -> grant.id().value()).toList())
          .execute();
      return waiting.stream().map(grant -> new Grant(grant.id(), grant.target(),
          grant.recipient(), grant.granter(), GrantState.READY, version, grant.createdAt(), now,
          null)).toList();
    });
  }

  @Override
  public List<Grant> claim(GrantFilter filter, int max, Duration leaseDuration) {
    requirePositive(max, "max");
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("lease duration must be positive");
    }
    GrantRows.Condition condition = GrantRows.Condition.of(filter);
    if (condition.matchesNothing()) {
      return List.of();
    }
    return session.write("claim grants", h -> {
      Instant now = Times.now(schema.clock());
      Instant expiry = Times.stored(now.plus(leaseDuration));
      List<String> locked = schema.dialect() == Dialect.H2
          ? lockEach(h, condition, now, max)
          : lockAtOnce(h, condition, now, max);
      return lease(h, locked, now, expiry);
    });
  }

  /**
   * Leases the {@code locked} grants in three round trips, however many: one batch of {@code
   * UPDATE}s (each re-checking that the grant is still free) and one {@code SELECT} that reads
   * back the rows now holding the tokens this call chose. A grant whose row does not carry its
   * token afterwards was not leased by this call and is left out.
   */
  private List<Grant> lease(Handle h, List<String> locked, Instant now, Instant expiry) {
    if (locked.isEmpty()) {
      return List.of();
    }
    Map<String, String> tokens = new HashMap<>();
    PreparedBatch batch = h.prepareBatch(schema.sql("UPDATE {p}grant_queue"
        + " SET lease_token = :token, lease_expires_at = :expiry WHERE id = :id AND " + FREE));
    for (String id : locked) {
      String token = schema.randomToken();
      tokens.put(id, token);
      batch.bind("token", token).bind("expiry", expiry).bind("id", id).bind("now", now).add();
    }
    batch.execute();
    Map<String, Grant> leased = new HashMap<>();
    h.createQuery(schema.sql(SELECT + " WHERE id IN (<ids>)"))
        .bindList("ids", locked)
        .map(GrantRows::grant)
        .forEach(grant -> {
          Lease lease = grant.lease();
          if (lease != null && lease.token().equals(tokens.get(grant.id().value()))) {
            leased.put(grant.id().value(), grant);
          }
        });
    // Oldest first, the order in which they were locked.
    List<Grant> claimed = new ArrayList<>(leased.size());
    for (String id : locked) {
      Grant grant = leased.get(id);
      if (grant != null) {
        claimed.add(grant);
      }
    }
    return claimed;
  }

  /**
   * PostgreSQL, MariaDB/MySQL: one statement finds and locks up to {@code max} free grants,
   * oldest first, skipping those another transaction has locked.
   */
  private List<String> lockAtOnce(
      Handle h, GrantRows.Condition condition, Instant now, int max) {
    return condition.bind(h.createQuery(schema.sql("SELECT id FROM {p}grant_queue WHERE " + FREE
            + " AND " + condition.sql() + " ORDER BY created_at, id LIMIT :max"
            + " FOR UPDATE SKIP LOCKED")))
        .bind("now", now)
        .bind("max", max)
        .mapTo(String.class)
        .list();
  }

  /**
   * H2 locks every row a {@code FOR UPDATE} query reads before it applies {@code LIMIT}, so one
   * claim would lock (and hide) every free grant until it commits. Instead it lists free grants
   * without locking, oldest first, and locks them one at a time with {@code SKIP LOCKED}, going
   * on down the list until it holds {@code max} or the list ends.
   */
  private List<String> lockEach(Handle h, GrantRows.Condition condition, Instant now, int max) {
    List<String> locked = new ArrayList<>();
    Cursors.TimeAndId after = null;
    while (locked.size() < max) {
      Query query = condition.bind(h.createQuery(schema.sql("SELECT id, created_at"
              + " FROM {p}grant_queue WHERE " + FREE + " AND " + condition.sql()
              + (after == null ? "" : " AND created_at >= :at AND (created_at > :at OR id > :id)")
              + " ORDER BY created_at, id LIMIT :max")))
          .bind("now", now)
          .bind("max", max);
      if (after != null) {
        query.bind("at", after.at()).bind("id", after.id());
      }
      List<Cursors.TimeAndId> free = query.map((rs, ctx) ->
          new Cursors.TimeAndId(Times.read(rs, "created_at"), rs.getString("id"))).list();
      for (int i = 0; i < free.size() && locked.size() < max; i++) {
        String id = free.get(i).id();
        boolean mine = h.createQuery(schema.sql("SELECT id FROM {p}grant_queue"
                + " WHERE id = :id AND " + FREE + " FOR UPDATE SKIP LOCKED"))
            .bind("id", id)
            .bind("now", now)
            .mapTo(String.class)
            .findOne()
            .isPresent();
        if (mine) {
          locked.add(id);
        }
      }
      if (free.size() < max) {
        break;
      }
      after = free.get(free.size() - 1);
    }
    return locked;
  }

  @Override
  @SuppressWarnings("NullAway") // SQL work without a result returns null
  public void complete(GrantId id, String leaseToken) {
    session.write("complete grant " + id, h -> {
      int done = h.createUpdate(schema.sql(COMPLETE))
          .bind("now", Times.now(schema.clock()))
          .bind("id", id.value())
          .bind("token", leaseToken)
          .execute();
      if (done == 0) {
        Grant grant = find(h, id).orElseThrow(() ->
            new NotFoundException("there is no grant " + id));
        if (grant.state() != GrantState.DONE) {
          throw new ConflictException("grant " + id + " is " + grant.state()
              + " and not held under that lease");
        }
      }
      return null;
    });
  }

  /**
   * One batch of the conditional {@code UPDATE}s {@link #complete} runs, in one write; only if a
   * grant was not changed (or the driver does not report per-row counts) are the rows read back to
   * tell an idempotent repeat from a refused one.
   */
  @Override
  @SuppressWarnings("NullAway") // SQL work without a result returns null
  public void completeAll(List<Grant> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    List<String> tokens = new ArrayList<>(claimed.size());
    for (Grant grant : claimed) {
      Lease lease = grant.lease();
      if (lease == null) {
        throw new IllegalArgumentException("grant " + grant.id() + " was not claimed");
      }
      tokens.add(lease.token());
    }
    session.write("complete " + claimed.size() + " grants", h -> {
      Instant now = Times.now(schema.clock());
      PreparedBatch batch = h.prepareBatch(schema.sql(COMPLETE));
      for (int i = 0; i < claimed.size(); i++) {
        batch.bind("now", now).bind("id", claimed.get(i).id().value()).bind("token", tokens.get(i))
            .add();
      }
      int[] counts = batch.execute();
      List<GrantId> unsure = new ArrayList<>();
      for (int i = 0; i < claimed.size(); i++) {
        if (i >= counts.length || counts[i] != 1) {
          unsure.add(claimed.get(i).id());
        }
      }
      if (!unsure.isEmpty()) {
        Map<GrantId, GrantState> states = new HashMap<>();
        h.createQuery(schema.sql("SELECT " + GrantRows.COLUMNS
                + " FROM {p}grant_queue WHERE id IN (<ids>)"))
            .bindList("ids", unsure.stream().map(GrantId::value).toList())
            .map(GrantRows::grant)
            .forEach(grant -> states.put(grant.id(), grant.state()));
        for (GrantId id : unsure) {
          GrantState state = states.get(id);
          if (state == null) {
            throw new NotFoundException("there is no grant " + id);
          }
          if (state != GrantState.DONE) {
            throw new ConflictException("grant " + id + " is " + state
                + " and not held under that lease");
          }
        }
      }
      return null;
    });
  }

  /**
   * One grouped query over the index on {@code (state, created_at)} (migration V10): the open
   * states' ranges of the index, not the grant rows.
   */
  @Override
  public Optional<GrantQueueSummary> summary() {
    List<StateCount> counts = session.read("count the open grants", h ->
        h.createQuery(schema.sql("SELECT state, COUNT(*) AS open_count, MIN(created_at) AS oldest"
                + " FROM {p}grant_queue WHERE " + OPEN + " GROUP BY state"))
            .map((rs, ctx) -> new StateCount(GrantState.valueOf(rs.getString("state")),
                rs.getLong("open_count"), Times.read(rs, "oldest")))
            .list());
    StateCount none = new StateCount(GrantState.READY, 0, null);
    StateCount waiting = counts.stream().filter(c -> c.state() == GrantState.WAITING_FOR_KEY)
        .findFirst().orElse(none);
    StateCount ready = counts.stream().filter(c -> c.state() == GrantState.READY)
        .findFirst().orElse(none);
    return Optional.of(new GrantQueueSummary(waiting.grants(), ready.grants(), waiting.oldest(),
        ready.oldest()));
  }

  private record StateCount(GrantState state, long grants, @Nullable Instant oldest) {}

  @Override
  public void release(GrantId id, String leaseToken) {
    session.write("release grant " + id, h ->
        h.createUpdate(schema.sql("UPDATE {p}grant_queue"
                + " SET lease_token = NULL, lease_expires_at = NULL"
                + " WHERE id = :id AND state = 'READY' AND lease_token = :token"))
            .bind("id", id.value())
            .bind("token", leaseToken)
            .execute());
  }

  @Override
  public int cancel(GrantTarget target) {
    return cancelOpen(target, null);
  }

  @Override
  public int cancel(GrantTarget target, UserId recipient) {
    return cancelOpen(target, recipient);
  }

  private int cancelOpen(GrantTarget target, @Nullable UserId recipient) {
    return session.write("cancel the grants of " + target, h -> {
      var update = h.createUpdate(schema.sql("UPDATE {p}grant_queue SET state = 'CANCELLED',"
              + " open_marker = NULL, lease_token = NULL, lease_expires_at = NULL,"
              + " updated_at = :now WHERE target_kind = :kind AND target_id = :target AND "
              + OPEN + (recipient == null ? "" : " AND recipient_id = :recipient")))
          .bind("now", Times.now(schema.clock()))
          .bind("kind", target.kind().name())
          .bind("target", target.id());
      if (recipient != null) {
        update.bind("recipient", recipient.value());
      }
      return update.execute();
    });
  }

  private Grant insert(Handle h, Grant g) {
    KeyVersion version = g.recipientKeyVersion();
    UserId granter = g.granter();
    h.createUpdate(schema.sql("INSERT INTO {p}grant_queue (id, target_kind, target_id,"
            + " recipient_id, granter_id, state, open_marker, key_version, created_at,"
            + " updated_at) VALUES (:id, :kind, :target, :recipient, :granter, :state, 'Y',"
            + " :version, :created_at, :updated_at)"))
        .bind("id", g.id().value())
        .bind("kind", g.target().kind().name())
        .bind("target", g.target().id())
        .bind("recipient", g.recipient().value())
        .bind("granter", granter == null ? null : granter.value())
        .bind("state", g.state().name())
        .bind("version", version == null ? null : version.value())
        .bind("created_at", g.createdAt())
        .bind("updated_at", g.updatedAt())
        .execute();
    return g;
  }

  private Optional<Grant> findOpen(Handle h, GrantTarget target, UserId recipient) {
    return h.createQuery(schema.sql(SELECT + " WHERE target_kind = :kind AND target_id = :target"
            + " AND recipient_id = :recipient AND open_marker = 'Y'"))
        .bind("kind", target.kind().name())
        .bind("target", target.id())
        .bind("recipient", recipient.value())
        .map(GrantRows::grant)
        .findOne();
  }

  private Optional<Grant> find(Handle h, GrantId id) {
    return h.createQuery(schema.sql(SELECT + " WHERE id = :id"))
        .bind("id", id.value())
        .map(GrantRows::grant)
        .findOne();
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
    }
  }
}
