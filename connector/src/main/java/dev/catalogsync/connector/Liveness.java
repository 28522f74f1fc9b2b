package dev.catalogsync.connector;

import java.time.Duration;

/**
 * When the engine last handed us a batch. Heartbeats guarantee a batch at least every heartbeat
 * interval, so a long silence means the engine is stuck even though it did not fail: typically it
 * waits, without a timeout, for the Kafka offset topic while the broker is down.
 */
final class Liveness {
  private volatile long lastNanos = System.nanoTime();

  void touch() {
    lastNanos = System.nanoTime();
  }

  Duration silentFor() {
    return Duration.ofNanos(System.nanoTime() - lastNanos);
  }
}
