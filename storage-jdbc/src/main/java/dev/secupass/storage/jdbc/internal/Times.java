package dev.secupass.storage.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How instants are stored: as UTC date-times without a zone ({@code TIMESTAMP}/{@code DATETIME}),
 * bound and read as {@link LocalDateTime} (never through the JVM's default time zone), at
 * microsecond precision, from year 1000 to year 9999 (what every supported database can hold).
 */
public final class Times {
  static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Times() {}

  /**
   * {@code instant} as the database will hold it: truncated to microseconds.
   *
   * @throws IllegalArgumentException if it lies outside years 1000 to 9999
   */
  public static Instant stored(Instant instant) {
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "instants must lie between years 1000 and 9999 to be stored, got " + instant);
    }
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The clock's now, as it will be stored. */
  public static Instant now(Clock clock) {
    return stored(clock.instant());
  }

  /** Reads a non-null instant column. */
  public static Instant read(ResultSet rs, String column) throws SQLException {
    Instant instant = readNullable(rs, column);
    if (instant == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return instant;
  }

  /** Reads a nullable instant column. */
  public static @Nullable Instant readNullable(ResultSet rs, String column) throws SQLException {
    LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /** Binds {@link Instant} arguments as UTC {@link LocalDateTime}s; registered on the Jdbi. */
  public static final class ArgumentFactory extends AbstractArgumentFactory<Instant> {
    public ArgumentFactory() {
      super(Types.TIMESTAMP);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      LocalDateTime utc = LocalDateTime.ofInstant(stored(value), ZoneOffset.UTC);
      return (position, statement, context) -> statement.setObject(position, utc);
    }
  }
}
