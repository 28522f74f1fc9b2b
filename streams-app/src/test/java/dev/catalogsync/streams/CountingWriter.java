package dev.catalogsync.streams;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a writer to record each batch's result and count the attempts that failed. */
final class CountingWriter implements SyncWriter {
  final List<ApplyResult> results = new CopyOnWriteArrayList<>();
  private final SyncWriter delegate;
  int failedAttempts;

  CountingWriter(SyncWriter delegate) {
    this.delegate = delegate;
  }

  @Override
  public ApplyResult apply(List<StateWrite> batch, long[] coveredEventIds) throws SQLException {
    ApplyResult result;
    try {
      result = delegate.apply(batch, coveredEventIds);
    } catch (SQLException e) {
      failedAttempts++;
      throw e;
    }
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
    return delegate.newestEventMillis();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
