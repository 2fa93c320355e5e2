package dev.secupass.samples.host;

import dev.secupass.storage.jdbc.JdbcStorage;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a sample keeps its metadata instead of the embedded H2 files: a JDBC URL (PostgreSQL's
 * driver is on the samples' class path), a user, a password and the table prefix.
 *
 * <p>Holds a secret (the password): {@link #toString()} leaves it out, and {@link #displayUrl()}
 * hides any password a URL carries as a parameter.
 */
public final class JdbcSettings {
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;:]\\w*password=)[^&;]*");

  private final String url;
  private final String user;
  private final String password;
  private final String tablePrefix;

  /**
   * @param url a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/secupass}
   * @param user the database user, or empty for the driver's default
   * @param password the user's password, or empty
   * @param tablePrefix the prefix of SecuPass's tables ({@link JdbcStorage#DEFAULT_TABLE_PREFIX})
   * @throws IllegalArgumentException if the URL is not a JDBC URL
   */
  public JdbcSettings(String url, String user, String password, String tablePrefix) {
    this.url = Objects.requireNonNull(url, "url").strip();
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
    if (!this.url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:'");
    }
  }

  public String url() {
    return url;
  }

  /**
   * The URL to show: parameters whose name ends in {@code password} ({@code password},
   * {@code sslpassword}, ...) read {@code ***}.
   */
  public String displayUrl() {
    return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
  }

  public String user() {
    return user;
  }

  /** The password; hand it to the driver only. */
  public String password() {
    return password;
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  /** The same database with another table prefix. */
  public JdbcSettings withTablePrefix(String prefix) {
    return new JdbcSettings(url, user, password, prefix);
  }

  @Override
  public String toString() {
    return "JdbcSettings[url=" + displayUrl() + ", user=" + user + ", tablePrefix=" + tablePrefix + "]";
  }
}
