package dev.secupass.storage.jdbc.internal;

import dev.secupass.storage.jdbc.Dialect;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What every store needs besides a session: the dialect, the host's table prefix, the clock and
 * the random source. Statements are written with {@code {p}} before each table name; {@link
 * #sql} puts the prefix in (once per statement).
 */
public final class Schema {
  /** Lower-case letters, digits and underscores, starting with a letter, at most 30 characters. */
  public static final Pattern PREFIX = Pattern.compile("|[a-z][a-z0-9_]{0,29}");

  private final Dialect dialect;
  private final String prefix;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, String> statements = new ConcurrentHashMap<>();

  public Schema(Dialect dialect, String prefix, Clock clock, SecureRandom random) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("table prefix must be empty or match "
          + PREFIX.pattern().substring(1) + ", got '" + prefix + "'");
    }
    this.dialect = dialect;
    this.prefix = prefix;
    this.clock = clock;
    this.random = random;
  }

  public Dialect dialect() {
    return dialect;
  }

  public String prefix() {
    return prefix;
  }

  public Clock clock() {
    return clock;
  }

  /** The statement with the table prefix in place of each {@code {p}}. */
  public String sql(String statement) {
    return statements.computeIfAbsent(statement, s -> s.replace("{p}", prefix));
  }

  /** An upsert into {@code table} (without prefix); see {@link SqlDialect#upsert}. */
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    return statements.computeIfAbsent("upsert " + table + keyColumns + otherColumns,
        k -> SqlDialect.upsert(dialect, prefix + table, keyColumns, otherColumns));
  }

  /** A fresh random token of 128 bits, hex-encoded (lease tokens, upload ids). */
  public String randomToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
