package dev.catalogsync.streams;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** The queue as the catch-up sees it, on a connection of its own kept between uses. */
final class JdbcCatchUpQueue implements CatchUpQueue {
  private static final String PENDING = Sql.load("catchup-pending.sql");
  private static final String COPY = Sql.load("catchup-copy.sql");

  private final ReusableConnection connection;

  JdbcCatchUpQueue(Database database) {
    this.connection = new ReusableConnection(database, "catchup");
  }

  @Override
  public long pending(long afterId, int atMost) throws SQLException {
    try (PreparedStatement ps = connection.get().prepareStatement(PENDING)) {
      ps.setLong(1, afterId);
      ps.setInt(2, atMost);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Window copy(long afterId, Duration grace, int size) throws SQLException {
    return window(COPY, afterId, grace, size);
  }

  private Window window(String sql, long afterId, Duration grace, int size) throws SQLException {
    return ReconcileLock.inTransaction(
        connection.get(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterId);
            ps.setDouble(2, grace.toMillis());
            ps.setInt(3, size);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new Window(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
          }
        });
  }

  @Override
  public void drop() {
    connection.drop();
  }

  @Override
  public void close() {
    connection.close();
  }
}
