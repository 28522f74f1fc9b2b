package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One batch of {@code reconcile-batch.sql}: the oldest pending queue rows past a grace get their
 * projects' current rows, under the version guard, and are marked processed. Its own transaction,
 * holding the reconcilers' transaction-scoped advisory lock, so one instance at a time copies from
 * the database and a crash releases the lock with the transaction. Shared by the reconciler (rows
 * CDC missed) and the catch-up (a backlog CDC is slow to deliver), so the two never run at once.
 */
final class ReconcileBatch {
  private static final String LOCK = Sql.load("reconcile-lock.sql");
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
    c.setAutoCommit(false);
    try {
      if (!tryLock(c)) {
        c.rollback();
        return null;
      }
      Result result;
      try (PreparedStatement ps = c.prepareStatement(BATCH)) {
        ps.setDouble(1, grace.toMillis());
        ps.setInt(2, size);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          result = new Result(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
      c.commit();
      return result;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is dropped by the caller anyway
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOCK)) {
      ps.setLong(1, Reconciler.LOCK_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
