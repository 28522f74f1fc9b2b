package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded batch write of {@code sql/apply-batch.sql}. Keeps one connection open between batches
 * and drops it on any failure, so the next attempt reconnects once the database is back.
 */
public final class JdbcSyncWriter implements SyncWriter {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSyncWriter.class);
  private static final String APPLY = Sql.load("apply-batch.sql");

  private final Database database;
  private Connection connection;

  public JdbcSyncWriter(Database database) {
    this.database = database;
  }

  @Override
  public ApplyResult apply(List<PendingWrite> batch) throws SQLException {
    if (batch.isEmpty()) {
      return new ApplyResult(0, 0, 0);
    }
    int n = batch.size();
    Long[] ids = new Long[n];
    Long[] eventIds = new Long[n];
    String[] names = new String[n];
    String[] descriptions = new String[n];
    Integer[] levels = new Integer[n];
    for (int i = 0; i < n; i++) {
      PendingWrite w = batch.get(i);
      ids[i] = w.resourceId();
      eventIds[i] = w.eventId();
      names[i] = w.name();
      descriptions[i] = w.description();
      levels[i] = w.visibilityLevel();
    }
    try {
      Connection c = connection();
      try (PreparedStatement ps = c.prepareStatement(APPLY)) {
        ps.setArray(1, c.createArrayOf("bigint", ids));
        ps.setArray(2, c.createArrayOf("bigint", eventIds));
        ps.setArray(3, c.createArrayOf("text", names));
        ps.setArray(4, c.createArrayOf("text", descriptions));
        ps.setArray(5, c.createArrayOf("integer", levels));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new ApplyResult(n, rs.getInt(1), rs.getInt(2));
        }
      }
    } catch (SQLException e) {
      closeQuietly();
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = database.connect();
      // One statement per batch: autocommit makes it one transaction and one round trip.
      connection.setAutoCommit(true);
    }
    return connection;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the writer's connection failed", e);
      }
      connection = null;
    }
  }
}
