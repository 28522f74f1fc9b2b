package dev.catalogsync.streams;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** The queue as the catch-up sees it, on a connection of its own kept between uses. */
final class JdbcCatchUpQueue implements CatchUpQueue {
  private static final String PENDING = Sql.load("catchup-pending.sql");

  private final ReusableConnection connection;

  JdbcCatchUpQueue(Database database) {
    this.connection = new ReusableConnection(database);
  }

  @Override
  public long pending(int atMost) throws SQLException {
    try (PreparedStatement ps = connection.get().prepareStatement(PENDING)) {
      ps.setInt(1, atMost);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public ReconcileBatch.Result batch(Duration grace, int size) throws SQLException {
    return ReconcileBatch.run(connection.get(), grace, size);
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
