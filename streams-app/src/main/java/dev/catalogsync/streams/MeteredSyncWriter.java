package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/** Counts what a writer did and how fresh the written states were. */
final class MeteredSyncWriter implements SyncWriter {
  private final SyncWriter delegate;
  private final SyncMetrics metrics;

  MeteredSyncWriter(SyncWriter delegate, SyncMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public ApplyResult apply(List<PendingWrite> batch, long[] coveredEventIds) throws SQLException {
    ApplyResult result = delegate.apply(batch, coveredEventIds);
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
