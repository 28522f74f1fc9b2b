package dev.catalogsync.core;

import java.time.Duration;

/**
 * Exponential backoff between retries: waiting longer after each failure keeps a struggling Kafka
 * or PostgreSQL from being hammered, the cap keeps recovery quick once it is back.
 *
 * @param initial delay before the first retry
 * @param max longest delay
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got " + initial + ", " + max);
    }
  }

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long millis = initial.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
