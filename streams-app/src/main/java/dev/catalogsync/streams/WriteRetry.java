package dev.catalogsync.streams;

import dev.catalogsync.core.Backoff;
import java.time.Duration;

/**
 * When the next database write may be tried after failures: the shared backoff from the base wait
 * up to {@link #MAX_FACTOR} times it, so a dead database is probed regularly but not hammered.
 */
final class WriteRetry {
  static final int MAX_FACTOR = 32;

  private final Backoff backoff;
  private int failures;
  private long nextAttemptAt;

  WriteRetry(Duration base) {
    this.backoff = new Backoff(base, base.multipliedBy(MAX_FACTOR));
  }

  boolean ready(long nowMillis) {
    return nowMillis >= nextAttemptAt;
  }

  /** Records a failure at {@code nowMillis}; returns the wait before the next attempt. */
  long failed(long nowMillis) {
    failures++;
    long wait = backoff.delay(failures).toMillis();
    nextAttemptAt = nowMillis + wait;
    return wait;
  }

  /** Records a success; returns how many failures preceded it. */
  int succeeded() {
    int previous = failures;
    failures = 0;
    nextAttemptAt = 0;
    return previous;
  }
}
