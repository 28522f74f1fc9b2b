package dev.catalogsync.connector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many events went to the dead-letter topic since start and why the last did, for health; and
 * the same count as a Micrometer counter (Prometheus: {@code
 * catalog_sync_connector_dead_letters_total}), so an alert does not depend on someone reading
 * health.
 */
final class DeadLetterStats {
  static final String METER = "catalog_sync_connector_dead_letters";

  private final Counter counter;
  private final AtomicLong count = new AtomicLong();
  private volatile String lastError;

  DeadLetterStats(MeterRegistry registry) {
    this.counter =
        Counter.builder(METER)
            .description(
                "Sync events Kafka rejected for good, published to the dead-letter topic instead")
            .register(registry);
  }

  void recorded(String error) {
    lastError = error;
    count.incrementAndGet();
    counter.increment();
  }

  long count() {
    return count.get();
  }

  /** The reason of the newest dead letter; null while there is none. */
  String lastError() {
    return lastError;
  }
}
