package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How to reach PostgreSQL. Connections get timeouts so that a dead database makes a write fail fast
 * instead of blocking the stream thread past its poll interval.
 *
 * <p>The server-side limits keep one statement from holding the stream thread: a write that waits
 * for a lock the host holds (a migration, a long transaction) fails after {@code lockTimeout} and
 * is retried with backoff, its state kept; the socket timeout stays above both.
 *
 * @param url JDBC URL
 * @param user user, or null when the URL carries it
 * @param password password, or null
 * @param statementTimeout longest a statement may run ({@code database.statement-timeout.ms})
 * @param lockTimeout longest a statement may wait for a lock ({@code database.lock-timeout.ms})
 */
public record Database(
    String url, String user, String password, Duration statementTimeout, Duration lockTimeout) {
  private static final String CONNECT_TIMEOUT_SECONDS = "5";
  static final String APPLICATION_NAME = "catalog-sync-streams";

  public Connection connect() throws SQLException {
    return connect(null);
  }

  /**
   * A connection named {@code catalog-sync-streams-<purpose>} in {@code pg_stat_activity} (plain
   * {@code catalog-sync-streams} without one), so a DBA sees which part of the app holds it.
   */
  public Connection connect(String purpose) throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("socketTimeout", Long.toString(statementTimeout.toSeconds() + 30));
    props.setProperty(
        "options",
        "-c statement_timeout="
            + statementTimeout.toMillis()
            + " -c lock_timeout="
            + lockTimeout.toMillis());
    props.setProperty(
        "ApplicationName", purpose == null ? APPLICATION_NAME : APPLICATION_NAME + "-" + purpose);
    return DriverManager.getConnection(url, props);
  }

  /** Hides the password in logs and exceptions. */
  @Override
  public String toString() {
    return "Database[url=" + url + ", user=" + user + "]";
  }
}
