package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection kept open between uses by a single thread, opened on first use and dropped after a
 * failure, so the next use reconnects by itself once the database is back.
 */
final class ReusableConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReusableConnection.class);

  private final Database database;
  private final String purpose;
  private Connection connection;

  /** {@code purpose} names the connection in pg_stat_activity (see {@link Database#connect}). */
  ReusableConnection(Database database, String purpose) {
    this.database = database;
    this.purpose = purpose;
  }

  Connection get() throws SQLException {
    if (connection == null) {
      connection = database.connect(purpose);
    }
    return connection;
  }

  /** Forgets the connection after a failure; it may be broken. */
  void drop() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a connection failed", e);
      }
      connection = null;
    }
  }
}
