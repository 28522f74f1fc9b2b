package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch of coalesced resource states to the database in one round trip. One instance per
 * stream task, used only by that task's thread.
 */
public interface SyncWriter extends AutoCloseable {

  ApplyResult apply(List<PendingWrite> batch) throws SQLException;

  @Override
  void close();
}
