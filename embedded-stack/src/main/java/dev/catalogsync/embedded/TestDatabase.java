package dev.catalogsync.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the shared embedded server: tests never see each other's rows,
 * publications or replication slots.
 */
public record TestDatabase(String name, String jdbcUrl, String libpqUri) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /**
   * Whether a session of this database waits for a lock right now: how a test tells that a
   * statement it started in the background is blocked, instead of sleeping.
   */
  public boolean hasSessionWaitingForALock() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }
}
