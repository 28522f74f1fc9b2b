package dev.catalogsync.streams;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The guarded batch write of {@code apply-batch.sql}. Keeps one connection open between batches and
 * drops it on any failure, so the next attempt reconnects once the database is back.
 */
public final class JdbcSyncWriter implements SyncWriter {
  private static final String APPLY = Sql.load("apply-batch.sql");
  private static final String NEWEST_EVENT = Sql.load("newest-event-time.sql");

  private final ReusableConnection connection;

  public JdbcSyncWriter(Database database) {
    // Autocommit (the driver's default): one statement per batch is one transaction.
    this.connection = new ReusableConnection(database, "apply");
  }

  @Override
  public ApplyResult apply(List<StateWrite> batch, long[] coveredEventIds) throws SQLException {
    if (batch.isEmpty() && coveredEventIds.length == 0) {
      return new ApplyResult(0, 0, 0);
    }
    int n = batch.size();
    Long[] ids = new Long[n];
    Long[] eventIds = new Long[n];
    String[] names = new String[n];
    String[] descriptions = new String[n];
    Integer[] levels = new Integer[n];
    Long[] covered = new Long[coveredEventIds.length];
    for (int i = 0; i < covered.length; i++) {
      covered[i] = coveredEventIds[i];
    }
    for (int i = 0; i < n; i++) {
      StateWrite w = batch.get(i);
      ids[i] = w.resourceId();
      eventIds[i] = w.eventId();
      names[i] = w.name();
      descriptions[i] = w.description();
      levels[i] = w.visibilityLevel();
    }
    try {
      Connection c = connection.get();
      try (PreparedStatement ps = c.prepareStatement(APPLY)) {
        ps.setArray(1, c.createArrayOf("bigint", ids));
        ps.setArray(2, c.createArrayOf("bigint", eventIds));
        ps.setArray(3, c.createArrayOf("text", names));
        ps.setArray(4, c.createArrayOf("text", descriptions));
        ps.setArray(5, c.createArrayOf("integer", levels));
        ps.setArray(6, c.createArrayOf("bigint", covered));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new ApplyResult(
              n,
              rs.getInt(1),
              rs.getInt(2),
              rs.getLong(3),
              longs(rs.getArray(4)),
              longs(rs.getArray(5)));
        }
      }
    } catch (SQLException e) {
      connection.drop();
      throw e;
    }
  }

  /** An SQL bigint array as a list; NULL (the usual case: every row was marked) as empty. */
  private static List<Long> longs(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return List.of((Long[]) array.getArray());
    } finally {
      array.free();
    }
  }

  @Override
  public OptionalLong newestEventMillis() throws SQLException {
    try {
      Connection c = connection.get();
      try (PreparedStatement ps = c.prepareStatement(NEWEST_EVENT);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      connection.drop();
      throw e;
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
