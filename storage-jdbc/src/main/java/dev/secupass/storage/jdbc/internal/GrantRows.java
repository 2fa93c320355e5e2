package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Lease;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads {@code grant_queue} rows, and turns a {@link GrantFilter} into a WHERE condition. */
final class GrantRows {
  static final String COLUMNS = "id, target_kind, target_id, recipient_id, granter_id, state,"
      + " key_version, created_at, updated_at, lease_token, lease_expires_at";

  private GrantRows() {}

  static Grant grant(ResultSet rs, StatementContext ctx) throws SQLException {
    String granter = rs.getString("granter_id");
    int version = rs.getInt("key_version");
    KeyVersion keyVersion = rs.wasNull() ? null : KeyVersion.of(version);
    String leaseToken = rs.getString("lease_token");
    Instant leaseExpiry = Times.readNullable(rs, "lease_expires_at");
    return new Grant(
        GrantId.of(rs.getString("id")),
        new GrantTarget(GrantTarget.Kind.valueOf(rs.getString("target_kind")),
            rs.getString("target_id")),
        UserId.of(rs.getString("recipient_id")),
        granter == null ? null : UserId.of(granter),
        GrantState.valueOf(rs.getString("state")),
        keyVersion,
        Times.read(rs, "created_at"),
        Times.read(rs, "updated_at"),
        leaseToken == null || leaseExpiry == null ? null : new Lease(leaseToken, leaseExpiry));
  }

  /**
   * A condition matching the grants {@code filter} selects, with its parameters named {@code
   * f0, f1, ...}; {@code "1 = 0"} for a filter that matches nothing.
   */
  record Condition(String sql, Map<String, String> parameters) {
    static Condition of(GrantFilter filter) {
      Map<String, String> parameters = new LinkedHashMap<>();
      List<String> alternatives = new ArrayList<>();
      in("granter_id", filter.granters().stream().map(UserId::value).sorted().toList(),
          parameters, alternatives);
      for (GrantTarget.Kind kind : GrantTarget.Kind.values()) {
        List<String> ids = filter.targets().stream()
            .filter(t -> t.kind() == kind).map(GrantTarget::id).sorted().toList();
        List<String> inList = new ArrayList<>();
        in("target_id", ids, parameters, inList);
        if (!inList.isEmpty()) {
          alternatives.add("(target_kind = '" + kind.name() + "' AND " + inList.get(0) + ")");
        }
      }
      return new Condition(
          alternatives.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", alternatives) + ")",
          parameters);
    }

    private static void in(String column, List<String> values, Map<String, String> parameters,
        List<String> alternatives) {
      if (values.isEmpty()) {
        return;
      }
      List<String> names = new ArrayList<>();
      for (String value : values) {
        String name = "f" + parameters.size();
        parameters.put(name, value);
        names.add(":" + name);
      }
      alternatives.add(column + " IN (" + String.join(", ", names) + ")");
    }

    boolean matchesNothing() {
      return parameters.isEmpty();
    }

    <S extends SqlStatement<S>> S bind(S statement) {
      parameters.forEach(statement::bind);
      return statement;
    }
  }
}
