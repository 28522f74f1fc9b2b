package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Work that copies from the database into catalog_resources (the reconciler's batches, the
 * catch-up's windows) or changes the queue's partitions (the rotation), each in a transaction of
 * its own holding one transaction-scoped advisory lock: one such statement at a time across all
 * instances, and a crash releases the lock with the transaction.
 */
public final class ReconcileLock {
  private static final String LOCK = Sql.load("reconcile-lock.sql");

  /** One statement's worth of work on the locked connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private ReconcileLock() {}

  /** Runs {@code work} in a transaction holding the lock; null when another instance holds it. */
  public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      if (!tryLock(c)) {
        c.rollback();
        return null;
      }
      T result = work.run(c);
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
