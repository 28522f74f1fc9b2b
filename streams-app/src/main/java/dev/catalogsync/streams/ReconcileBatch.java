package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One batch of {@code reconcile-batch.sql} under the {@link ReconcileLock}: the oldest pending
 * queue rows past a grace get their projects' current rows, under the version guard, and are marked
 * processed.
 */
final class ReconcileBatch {
  private static final String BATCH = Sql.load("reconcile-batch.sql");

  /**
   * What one batch did.
   *
   * @param consumable pending rows it took
   * @param processed rows it marked processed
   * @param written catalog_resources rows it changed
   */
  record Result(long consumable, long processed, long written) {}

  private ReconcileBatch() {}

  /** Runs one batch on {@code c}; null when another instance holds the lock. */
  static Result run(Connection c, Duration grace, int size) throws SQLException {
    return ReconcileLock.inTransaction(
        c,
        locked -> {
          try (PreparedStatement ps = locked.prepareStatement(BATCH)) {
            ps.setDouble(1, grace.toMillis());
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new Result(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
          }
        });
  }
}
