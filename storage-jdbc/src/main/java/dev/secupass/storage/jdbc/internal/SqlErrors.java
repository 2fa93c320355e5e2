package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.StorageException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * Translates vendor failures into the SDK's exceptions at the SPI boundary, by SQLSTATE and, for
 * MariaDB/MySQL, vendor error code:
 *
 * <ul>
 *   <li>unique and foreign-key violations become {@link ConflictException};
 *   <li>values that do not fit a column (SQLSTATE class 22) become {@link
 *       IllegalArgumentException};
 *   <li>lost connections, timeouts, deadlocks, serialization failures and a server shutting down
 *       become a retryable {@link StorageException};
 *   <li>everything else (missing schema, permissions, syntax) a non-retryable one.
 * </ul>
 *
 * Messages name the operation and the SQLSTATE, never a value; the vendor exception is the cause.
 */
public final class SqlErrors {

  /** What a failure means to the caller. */
  enum Kind {
    UNIQUE,
    REFERENCE,
    BAD_VALUE,
    TRANSIENT,
    OTHER
  }

  /** SQLSTATEs of transient failures, beside class 08 (connection exception). */
  private static final Set<String> TRANSIENT_STATES = Set.of(
      "40001", "40P01", // serialization failure, deadlock: the transaction was rolled back
      "57P01", "57P02", "57P03", // PostgreSQL: terminated by administrator, crash, starting up
      "57014", // query cancelled (statement timeout)
      "55P03", // lock not available
      "53300", "53400", // too many connections, configuration limit exceeded
      "HYT00", "HYT01", // timeouts (H2 lock timeout)
      "70100", // MariaDB: connection or query killed
      "90067", "90098", "90121", "90131"); // H2: connection broken, database closed, concurrent update

  /** MariaDB/MySQL vendor codes. */
  private static final int MYSQL_DUPLICATE_KEY = 1062;
  private static final Set<Integer> MYSQL_FOREIGN_KEY = Set.of(1216, 1217, 1451, 1452);
  /** Deadlock, lock wait timeout, too many connections, shutdown, killed, connection lost. */
  private static final Set<Integer> MYSQL_TRANSIENT =
      Set.of(1213, 1205, 1040, 1053, 1927, 2002, 2003, 2006, 2013);

  private SqlErrors() {}

  /**
   * The exception to throw for {@code e}, which occurred while doing {@code what}. Exceptions that
   * are not from the database (the SDK's own, programming errors) are returned unchanged.
   */
  public static RuntimeException translate(RuntimeException e, String what) {
    if (!(e instanceof JdbiException)) {
      return e;
    }
    SQLException sql = sqlCause(e);
    Kind kind = classify(e);
    String detail = sql == null
        ? e.getClass().getSimpleName()
        : "SQLSTATE " + sql.getSQLState() + ", vendor code " + sql.getErrorCode();
    return switch (kind) {
      case UNIQUE -> conflict(what + ": an entry with the same key already exists", e);
      case REFERENCE -> conflict(
          what + ": it refers to a missing entry, or another entry still refers to it", e);
      case BAD_VALUE -> new IllegalArgumentException(
          what + ": a value does not fit its column (" + detail + ")", e);
      case TRANSIENT -> new StorageException(
          what + " failed, try again (" + detail + ")", true, e);
      case OTHER -> new StorageException(what + " failed (" + detail + ")", false, e);
    };
  }

  /** Whether {@code e} is a failure that may pass if tried again. */
  static boolean isTransient(Throwable e) {
    return classify(e) == Kind.TRANSIENT;
  }

  static Kind classify(Throwable e) {
    SQLException sql = sqlCause(e);
    if (sql == null) {
      return hasIoCause(e) ? Kind.TRANSIENT : Kind.OTHER;
    }
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    int code = sql.getErrorCode();
    if (state.equals("23505") || (code == MYSQL_DUPLICATE_KEY && state.startsWith("23"))) {
      return Kind.UNIQUE;
    }
    if (state.equals("23503") || state.equals("23506")
        || (MYSQL_FOREIGN_KEY.contains(code) && state.startsWith("23"))) {
      return Kind.REFERENCE;
    }
    if (state.startsWith("08") || TRANSIENT_STATES.contains(state)
        || (MYSQL_TRANSIENT.contains(code) && !state.startsWith("23"))
        || sql instanceof SQLTransientException
        || sql instanceof SQLRecoverableException
        || sql instanceof SQLNonTransientConnectionException
        || hasIoCause(sql)) {
      return Kind.TRANSIENT;
    }
    if (state.startsWith("22")) {
      return Kind.BAD_VALUE;
    }
    return Kind.OTHER;
  }

  private static ConflictException conflict(String message, Throwable cause) {
    ConflictException conflict = new ConflictException(message);
    conflict.initCause(cause);
    return conflict;
  }

  private static @Nullable SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
