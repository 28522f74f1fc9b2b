package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How to reach PostgreSQL. Connections get timeouts so that a dead database makes a write fail fast
 * instead of blocking the stream thread past its poll interval.
 *
 * @param url JDBC URL
 * @param user user, or null when the URL carries it
 * @param password password, or null
 */
public record Database(String url, String user, String password) {
  private static final String CONNECT_TIMEOUT_SECONDS = "5";
  private static final String SOCKET_TIMEOUT_SECONDS = "60";

  public Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    props.setProperty("ApplicationName", "catalog-sync-streams");
    return DriverManager.getConnection(url, props);
  }

  /** Hides the password in logs and exceptions. */
  @Override
  public String toString() {
    return "Database[url=" + url + ", user=" + user + "]";
  }
}
