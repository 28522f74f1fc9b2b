package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps the real JDBC writer to record each batch's result and to simulate a database outage
 * without stopping the shared test server.
 */
final class CountingWriter implements SyncWriter {
  final List<ApplyResult> results = new CopyOnWriteArrayList<>();
  final AtomicBoolean databaseDown = new AtomicBoolean();
  private final SyncWriter delegate;
  int failedAttempts;

  CountingWriter(SyncWriter delegate) {
    this.delegate = delegate;
  }

  @Override
  public ApplyResult apply(List<PendingWrite> batch, long[] coveredEventIds) throws SQLException {
    if (databaseDown.get()) {
      failedAttempts++;
      throw new SQLException("Connection refused (simulated)", "08001");
    }
    ApplyResult result = delegate.apply(batch, coveredEventIds);
    results.add(result.counts()); // tests compare what was written, not when
    return result;
  }

  int rowsWritten() {
    return results.stream().mapToInt(ApplyResult::rowsWritten).sum();
  }

  int eventsProcessed() {
    return results.stream().mapToInt(ApplyResult::eventsProcessed).sum();
  }

  @Override
  public OptionalLong newestEventMillis() throws SQLException {
    if (databaseDown.get()) {
      throw new SQLException("Connection refused (simulated)", "08001");
    }
    return delegate.newestEventMillis();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
