package dev.catalogsync.streams;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

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
  public Window copy(long afterId, Duration grace, int size, Collection<Long> retry)
      throws SQLException {
    return ReconcileLock.inTransaction(
        connection.get(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(COPY)) {
            ps.setLong(1, afterId);
            ps.setDouble(2, grace.toMillis());
            ps.setInt(3, size);
            ps.setArray(4, c.createArrayOf("bigint", retry.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              Long[] skipped = (Long[]) rs.getArray(4).getArray();
              return new Window(rs.getLong(1), rs.getLong(2), rs.getLong(3), List.of(skipped));
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
