package dev.secupass.storage.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that remembers the server session of the connection it handed out last, so a
 * test can terminate that session from another connection while the storage is using it.
 */
final class SessionTrackingDataSource implements DataSource {
  private final TestDatabase database;
  private volatile long lastSession = -1;

  SessionTrackingDataSource(TestDatabase database) {
    this.database = database;
  }

  /** The session of the connection handed out last. */
  long lastSession() {
    return lastSession;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = database.unpooledDataSource().getConnection();
    lastSession = database.sessionId(connection);
    return connection;
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the test data source has its own credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return database.unpooledDataSource().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    database.unpooledDataSource().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    database.unpooledDataSource().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return database.unpooledDataSource().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return database.unpooledDataSource().getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
