package dev.catalogsync.streams;

import java.sql.SQLException;
import java.time.Duration;

/** What the catch-up asks of the queue ({@link JdbcCatchUpQueue}; tests give their own). */
interface CatchUpQueue extends AutoCloseable {
  /** Pending queue rows, counted up to {@code atMost}. */
  long pending(int atMost) throws SQLException;

  /**
   * One batch of the oldest pending rows older than {@code grace}, copied from the projects'
   * current rows ({@link ReconcileBatch}); null when another instance holds the reconcilers' lock.
   */
  ReconcileBatch.Result batch(Duration grace, int size) throws SQLException;

  /** Forgets the connection after a failure; the next use reconnects. */
  void drop();

  @Override
  void close();
}
