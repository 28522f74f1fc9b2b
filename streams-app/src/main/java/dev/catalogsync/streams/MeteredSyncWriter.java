package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/** Counts what a writer did, how fresh the written states were, and whether writes succeed. */
final class MeteredSyncWriter implements SyncWriter {
  private final SyncWriter delegate;
  private final SyncMetrics metrics;
  private final WriteHealth health;

  MeteredSyncWriter(SyncWriter delegate, SyncMetrics metrics, WriteHealth health) {
    this.delegate = delegate;
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  public ApplyResult apply(List<StateWrite> batch, long[] coveredEventIds) throws SQLException {
    ApplyResult result;
    try {
      result = delegate.apply(batch, coveredEventIds);
    } catch (SQLException | RuntimeException e) {
      health.failed(e);
      throw e;
    }
    health.succeeded();
    metrics.applied(result, batch);
    return result;
  }

  @Override
  public OptionalLong newestEventMillis() throws SQLException {
    return delegate.newestEventMillis();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
