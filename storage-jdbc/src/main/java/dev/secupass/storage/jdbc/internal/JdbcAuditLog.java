package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.AuditLog;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** {@link AuditLog} on the append-only {@code audit_log} table, in the order of its identity. */
public final class JdbcAuditLog implements AuditLog {
  private static final String INSERT = "INSERT INTO {p}audit_log (occurred_at, actor_id,"
      + " action, target, outcome) VALUES (:at, :actor, :action, :target, :outcome)";

  private final Session session;
  private final Schema schema;

  public JdbcAuditLog(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public void append(AuditEntry entry) {
    UserId actor = entry.actor();
    session.write("append to the audit log", h ->
        h.createUpdate(schema.sql(INSERT))
            .bind("at", entry.at())
            .bind("actor", actor == null ? null : actor.value())
            .bind("action", entry.action())
            .bind("target", entry.target())
            .bind("outcome", entry.outcome())
            .execute());
  }

  /** One batch of inserts, in order (so their sequence numbers follow the list). */
  @Override
  public void appendAll(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    session.write("append to the audit log", h -> {
      PreparedBatch batch = h.prepareBatch(schema.sql(INSERT));
      for (AuditEntry entry : entries) {
        UserId actor = entry.actor();
        batch.bind("at", entry.at())
            .bind("actor", actor == null ? null : actor.value())
            .bind("action", entry.action())
            .bind("target", entry.target())
            .bind("outcome", entry.outcome())
            .add();
      }
      return batch.execute();
    });
  }

  @Override
  public Page<AuditEntry> forTarget(String target, PageRequest page) {
    Long after = page.after().map(Cursors::decodeSequence).orElse(null);
    return session.read("read the audit log", h -> {
      Query query = h.createQuery(schema.sql("SELECT seq, occurred_at, actor_id, action, target,"
              + " outcome FROM {p}audit_log WHERE target = :target"
              + (after == null ? "" : " AND seq > :after") + " ORDER BY seq LIMIT :limit"))
          .bind("target", target)
          .bind("limit", page.limit() + 1);
      if (after != null) {
        query.bind("after", after.longValue());
      }
      return Pages.of(query.map((rs, ctx) -> {
        String actor = rs.getString("actor_id");
        return Map.entry(rs.getLong("seq"), new AuditEntry(
            Times.read(rs, "occurred_at"),
            actor == null ? null : UserId.of(actor),
            rs.getString("action"),
            rs.getString("target"),
            rs.getString("outcome")));
      }).list(), page.limit(), Map.Entry::getValue, row -> Cursors.encode(row.getKey()));
    });
  }
}
