package dev.catalogsync.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the stream's batch writes reach the database, across all tasks of one app instance: a
 * single success means the database takes writes, so only when every write has failed for longer
 * than the limit is the app not doing its job.
 */
final class WriteHealth {
  private static final long NOT_FAILING = Long.MIN_VALUE;

  private final Duration limit;
  private final LongSupplier nanoClock;
  private final AtomicLong failingSince = new AtomicLong(NOT_FAILING);
  private volatile String lastError;

  WriteHealth(Duration limit) {
    this(limit, System::nanoTime);
  }

  WriteHealth(Duration limit, LongSupplier nanoClock) {
    this.limit = limit;
    this.nanoClock = nanoClock;
  }

  void succeeded() {
    failingSince.set(NOT_FAILING);
  }

  void failed(Exception error) {
    lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    failingSince.compareAndSet(NOT_FAILING, nanoClock.getAsLong());
  }

  /** Why the app is not ready, while every write has failed for longer than the limit. */
  Optional<String> problem() {
    long since = failingSince.get();
    if (since == NOT_FAILING) {
      return Optional.empty();
    }
    Duration failing = Duration.ofNanos(nanoClock.getAsLong() - since);
    if (failing.compareTo(limit) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "every database write failed for " + failing.toSeconds() + " s, last: " + lastError);
  }
}
