package dev.catalogsync.connector;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer in use, replaceable: Kafka says a producer that failed fatally (fenced, sequence
 * lost) must be closed, so retrying with it would fail for ever.
 */
final class RenewableProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RenewableProducer.class);

  private final Supplier<Producer<String, byte[]>> factory;
  private Producer<String, byte[]> current;
  private boolean closed;

  RenewableProducer(Supplier<Producer<String, byte[]>> factory) {
    this.factory = factory;
    this.current = factory.get();
  }

  synchronized Producer<String, byte[]> get() {
    return current;
  }

  /**
   * Closes the producer without waiting (call it only when none of its sends is awaited any more)
   * and creates a new one; after {@link #close} it does nothing.
   */
  synchronized void renew() {
    if (closed) {
      return;
    }
    current.close(Duration.ZERO);
    try {
      current = factory.get();
    } catch (RuntimeException e) {
      // Keep the closed one: its next send fails as not-the-event's fault, and renews again.
      LOG.warn("cannot create a new Kafka producer yet: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    current.close(Duration.ofSeconds(10));
  }
}
