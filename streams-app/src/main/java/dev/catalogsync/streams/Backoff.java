package dev.catalogsync.streams;

import java.time.Duration;

/**
 * When the next database attempt may run after failures: the base wait, doubled per consecutive
 * failure, capped, so a dead database is probed regularly but not hammered.
 */
final class Backoff {
  static final int MAX_DOUBLINGS = 5;

  private final long baseMillis;
  private int failures;
  private long nextAttemptAt;

  Backoff(Duration base) {
    this.baseMillis = base.toMillis();
  }

  boolean ready(long nowMillis) {
    return nowMillis >= nextAttemptAt;
  }

  /** Records a failure at {@code nowMillis}; returns the wait before the next attempt. */
  long failed(long nowMillis) {
    long wait = baseMillis << Math.min(failures, MAX_DOUBLINGS);
    failures++;
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
