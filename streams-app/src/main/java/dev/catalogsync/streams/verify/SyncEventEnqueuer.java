package dev.catalogsync.streams.verify;

import dev.catalogsync.core.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Enqueues sync events carrying projects' current values, for {@code backfill} and {@code verify
 * --fix}: the connector publishes them like any other event, and the streams app applies them under
 * the version guard. The statement reads each project with a locking read, so an update in flight
 * cannot lose to the values read here.
 */
public final class SyncEventEnqueuer implements AutoCloseable {
  private final Connection db;
  private final PreparedStatement batch;

  public SyncEventEnqueuer(Connection db) throws SQLException {
    this.db = db;
    this.batch =
        db.prepareStatement(SqlResource.load(SyncEventEnqueuer.class, "enqueue-batch.sql"));
  }

  /**
   * One event for each of the next {@code limit} resources after {@code afterId}, in id order,
   * among {@code resourceIds} (empty: all), in its own transaction; returns their ids.
   */
  public List<Long> nextBatch(long afterId, Collection<Long> resourceIds, int limit)
      throws SQLException {
    Array ids = db.createArrayOf("bigint", resourceIds.toArray());
    batch.setLong(1, afterId);
    batch.setArray(2, ids);
    batch.setArray(3, ids);
    batch.setInt(4, limit);
    List<Long> enqueued = new ArrayList<>();
    try (ResultSet rs = batch.executeQuery()) {
      while (rs.next()) {
        enqueued.add(rs.getLong(1));
      }
    }
    return enqueued;
  }

  @Override
  public void close() throws SQLException {
    batch.close();
  }
}
