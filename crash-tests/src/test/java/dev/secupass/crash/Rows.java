package dev.secupass.crash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows beneath the SPI, for what the public API cannot see. */
final class Rows {
  private Rows() {}

  /** Runs an update (the teeth test's damage); returns the rows changed. */
  static int update(Backend backend, String sql, Object... args) throws SQLException {
    try (Connection c = backend.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  /** The rows of {@code sql}, each as its columns' text, joined by {@code |}. */
  static List<String> strings(Backend backend, String sql, Object... args) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = backend.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= columns; i++) {
            if (i > 1) {
              row.append('|');
            }
            row.append(r.getString(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }
}
