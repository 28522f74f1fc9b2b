package dev.catalogsync.connector;

import dev.catalogsync.core.Backoff;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes sync events and returns only once Kafka acknowledged every one of them (acks=all,
 * idempotent), or took its dead letter instead. What a failed send leads to depends on the error
 * ({@link SendErrorKind}):
 *
 * <ul>
 *   <li>Kafka unavailable (retriable errors), or the producer broken: retry with backoff, with a
 *       new producer in the second case. The records stay unacknowledged in the replication slot,
 *       so blocking loses nothing, while throwing would stop the engine.
 *   <li>The event rejected for good (too large, not authorized, ...): retrying would block the
 *       stream for ever and hold the slot's WAL, so the event is published to the dead-letter topic
 *       instead (retried until acknowledged; never dropped). Its queue row stays pending, so the
 *       streams app's reconciler still copies the project's current values.
 * </ul>
 */
public final class SyncEventPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEventPublisher.class);

  private final RenewableProducer producer;
  private final String topic;
  private final String deadLetterTopic;
  private final Backoff backoff;
  private final DeadLetterStats deadLetters;
  private final Clock clock;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong published = new AtomicLong();
  private volatile String failure;

  /** An event and its value as sent. */
  private record Outgoing(SyncEvent event, byte[] value) {}

  /** A send that failed, and why. */
  private record Failed(Outgoing outgoing, Throwable error) {}

  SyncEventPublisher(
      Supplier<Producer<String, byte[]>> producers,
      String topic,
      String deadLetterTopic,
      Backoff backoff,
      DeadLetterStats deadLetters,
      Clock clock) {
    this.producer = new RenewableProducer(producers);
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.backoff = backoff;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  public static SyncEventPublisher create(ConnectorConfig config, DeadLetterStats deadLetters) {
    Properties p = producerSettings(config.kafkaClient(), config.bootstrapServers(), config.name());
    return new SyncEventPublisher(
        () -> new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()),
        config.syncTopic(),
        config.deadLetterTopic(),
        config.retry(),
        deadLetters,
        Clock.systemUTC());
  }

  /**
   * The producer's settings: ours around the {@code kafka.*} ones, exactly as the connector runs it
   * (public so the bench's producer probe measures the same producer).
   *
   * @param kafkaClient the {@code kafka.*} settings without their prefix
   * @param connectorName names the client ({@code <name>-producer})
   */
  public static Properties producerSettings(
      Map<String, String> kafkaClient, String bootstrapServers, String connectorName) {
    Properties p = new Properties();
    // Set before the kafka.* settings, so those can change them. A Debezium batch of 2048 events
    // (about 600 KB over 4 partitions) then fills one batch per partition instead of about 40 of
    // 16 KiB, and lz4 sends a quarter of the bytes; measured in docs/performance.md, "Producer
    // batching".
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putAll(kafkaClient);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, connectorName + "-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Latency matters more than batching: a change should reach the topic within milliseconds.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    // Fail an attempt within seconds so the retry loop (and health) notice an outage; the loop,
    // not the producer, decides that we never give up.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    return p;
  }

  /**
   * Sends every event and waits for all acknowledgements, retrying what failed and quarantining
   * what Kafka rejected for good.
   *
   * @return true once each is acknowledged on the sync topic or, rejected, on the dead-letter
   *     topic; false if {@link #stopRetrying()} was called first (the caller must then not mark the
   *     records processed)
   */
  public boolean publish(List<SyncEvent> events) throws InterruptedException {
    List<Outgoing> pending = new ArrayList<>(events.size());
    for (SyncEvent event : events) {
      pending.add(new Outgoing(event, Contract.encodeUnchecked(event)));
    }
    int quarantined = 0;
    for (int attempt = 1; ; attempt++) {
      boolean alone = pending.size() == 1;
      List<Failed> failures = sendAll(pending);
      pending = new ArrayList<>();
      boolean renew = false;
      for (Failed failed : failures) {
        Failed verdict = failed;
        if (SendErrorKind.of(failed.error()) == SendErrorKind.PERMANENT && !alone) {
          // The broker fails every record of a batch it rejects for one of them (with a plain
          // KafkaException): only the event that fails on its own is to blame.
          verdict = sendAll(List.of(failed.outgoing())).stream().findFirst().orElse(null);
          if (verdict == null) {
            continue;
          }
        }
        SendErrorKind kind = SendErrorKind.of(verdict.error());
        if (kind == SendErrorKind.PERMANENT) {
          if (!quarantine(verdict)) {
            return false;
          }
          quarantined++;
          continue;
        }
        failure = "Kafka unavailable, retrying: " + describe(verdict.error());
        renew |= kind == SendErrorKind.PRODUCER_FATAL;
        pending.add(verdict.outgoing());
      }
      if (pending.isEmpty()) {
        break;
      }
      if (!waitToRetry(pending.size(), attempt)) {
        return false;
      }
      if (renew) {
        LOG.warn("replacing the Kafka producer, which cannot be used any more");
        producer.renew();
      }
    }
    if (failure != null) {
      LOG.info("Kafka acknowledges again");
      failure = null;
    }
    published.addAndGet(events.size() - quarantined);
    return true;
  }

  /**
   * Fetches the topic's metadata now, so the first change after start does not pay for it (about
   * half a second). Failure is fine here: publish() waits and retries anyway.
   */
  public void warmUp() {
    try {
      producer.get().partitionsFor(topic);
    } catch (RuntimeException e) {
      LOG.debug("topic metadata not available yet: {}", e.toString());
    }
  }

  /**
   * What keeps the last publish from finishing, in words for health (e.g. {@code Kafka unavailable,
   * retrying: ...}); null when all is well.
   */
  public String failure() {
    return failure;
  }

  /** How many events Kafka acknowledged on the sync topic since start. */
  public long published() {
    return published.get();
  }

  /** How many events went to the dead-letter topic, and why the last did. */
  DeadLetterStats deadLetters() {
    return deadLetters;
  }

  /** The dead-letter topic quarantined events go to. */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  /** Makes a publish that is failing give up, so shutdown does not wait for Kafka to return. */
  public void stopRetrying() {
    closing.countDown();
  }

  @Override
  public void close() {
    stopRetrying();
    producer.close();
  }

  /**
   * Publishes the event's dead letter, retrying until Kafka acknowledges it: only then may the
   * event's record be marked processed. False when shutting down first.
   */
  private boolean quarantine(Failed rejected) throws InterruptedException {
    SyncEvent event = rejected.outgoing().event();
    if (closing.getCount() == 0) {
      // A producer being closed fails its sends in ways that say nothing about the event.
      LOG.warn("stopping: event {} is left in the slot instead of quarantined", event.id());
      return false;
    }
    String error = describe(rejected.error());
    ProducerRecord<String, byte[]> letter =
        DeadLetters.record(
            deadLetterTopic, event, rejected.outgoing().value(), error, clock.instant());
    for (int attempt = 1; ; attempt++) {
      Throwable cause;
      try {
        producer.get().send(letter).get();
        deadLetters.recorded(error);
        LOG.error(
            "event {} of catalog resource {} quarantined to {}: Kafka rejected it for good ({});"
                + " its queue row stays pending for the streams app's reconciler",
            event.id(),
            event.key(),
            deadLetterTopic,
            error);
        return true;
      } catch (ExecutionException e) {
        cause = e.getCause();
      } catch (RuntimeException e) {
        cause = e;
      }
      failure =
          "dead-letter topic "
              + deadLetterTopic
              + " does not take event "
              + event.id()
              + " (rejected: "
              + error
              + "), retrying: "
              + describe(cause);
      if (!waitToRetry(1, attempt)) {
        return false;
      }
      if (SendErrorKind.of(cause) == SendErrorKind.PRODUCER_FATAL) {
        producer.renew();
      }
    }
  }

  /** Waits the backoff before retry {@code attempt}; false if stopping. */
  private boolean waitToRetry(int events, int attempt) throws InterruptedException {
    if (closing.getCount() == 0) {
      LOG.warn("stopping with {} events unacknowledged; they stay in the slot", events);
      return false;
    }
    Duration delay = backoff.delay(attempt);
    LOG.warn(
        "{} events not acknowledged (attempt {}): {}; retrying in {} ms",
        events,
        attempt,
        failure,
        delay.toMillis());
    return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends all, then waits for each; returns those that failed, in order. */
  private List<Failed> sendAll(List<Outgoing> batch) throws InterruptedException {
    Producer<String, byte[]> kafka = producer.get();
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
    for (Outgoing outgoing : batch) {
      try {
        sent.add(kafka.send(new ProducerRecord<>(topic, outgoing.event().key(), outgoing.value())));
      } catch (RuntimeException e) { // SerializationException, a closed producer, and the like
        sent.add(CompletableFuture.failedFuture(e));
      }
    }
    List<Failed> failed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        sent.get(i).get();
      } catch (ExecutionException e) {
        failed.add(new Failed(batch.get(i), e.getCause()));
      }
    }
    return failed;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
