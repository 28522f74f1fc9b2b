package dev.catalogsync.streams;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** What the catch-up asks of the queue ({@link JdbcCatchUpQueue}; tests give their own). */
interface CatchUpQueue extends AutoCloseable {
  /**
   * What one window of pending queue rows (older than the grace, in id order) gave.
   *
   * @param rows queue rows in the window
   * @param lastId the highest id among them (where the next window starts)
   * @param changed resources written
   * @param skipped resources it could not lock (someone else held them), to try again
   */
  record Window(long rows, long lastId, long changed, List<Long> skipped) {
    Window(long rows, long lastId, long changed) {
      this(rows, lastId, changed, List.of());
    }

    public Window {
      skipped = List.copyOf(skipped);
    }
  }

  /** Pending queue rows with an id above {@code afterId}, counted up to {@code atMost}. */
  long pending(long afterId, int atMost) throws SQLException;

  /**
   * Copies the projects' current rows to the resources of the next window after {@code afterId},
   * and to {@code retry} ({@code catchup-copy.sql}); null when another instance holds the
   * reconcilers' lock.
   */
  Window copy(long afterId, Duration grace, int size, Collection<Long> retry) throws SQLException;

  /** Forgets the connection after a failure; the next use reconnects. */
  void drop();

  @Override
  void close();
}
