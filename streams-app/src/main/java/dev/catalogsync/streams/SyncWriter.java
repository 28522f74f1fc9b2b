package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes a batch of coalesced resource states to the database in one round trip, and marks the
 * queue rows the batch covers processed; on the same connection, tells how far the source's queue
 * reaches. One instance per stream task, used only by that task's thread.
 */
public interface SyncWriter extends AutoCloseable {

  /**
   * @param states at most one state per resource, the newest known
   * @param coveredEventIds ids of the queue rows to mark processed once the states are written
   */
  ApplyResult apply(List<StateWrite> states, long[] coveredEventIds) throws SQLException;

  /**
   * When the newest queued event was created, by the database's clock (epoch ms); empty when the
   * queue is empty or the writer cannot tell.
   */
  default OptionalLong newestEventMillis() throws SQLException {
    return OptionalLong.empty();
  }

  @Override
  void close();
}
