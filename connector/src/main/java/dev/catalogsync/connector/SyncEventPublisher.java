package dev.catalogsync.connector;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * idempotent). When Kafka is unavailable it retries with backoff instead of failing: the records
 * stay unacknowledged in the replication slot, so blocking loses nothing, while throwing would stop
 * the engine.
 */
public final class SyncEventPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEventPublisher.class);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Backoff backoff;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong published = new AtomicLong();
  private volatile String failure;

  SyncEventPublisher(Producer<String, byte[]> producer, String topic, Backoff backoff) {
    this.producer = producer;
    this.topic = topic;
    this.backoff = backoff;
  }

  public static SyncEventPublisher create(ConnectorConfig config) {
    Properties p = new Properties();
    p.putAll(config.kafkaClient());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.name() + "-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Latency matters more than batching: a change should reach the topic within milliseconds.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    // Fail an attempt within seconds so the retry loop (and health) notice an outage; the loop,
    // not the producer, decides that we never give up.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    return new SyncEventPublisher(
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()),
        config.syncTopic(),
        config.retry());
  }

  /**
   * Sends every event and waits for all acknowledgements, retrying what failed.
   *
   * @return true once all are acknowledged; false if {@link #stopRetrying()} was called while Kafka
   *     kept failing (the caller must then not mark the records processed)
   */
  public boolean publish(List<SyncEvent> events) throws InterruptedException {
    List<SyncEvent> pending = events;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      pending = sendAndCollectFailures(pending);
      if (pending.isEmpty()) {
        break;
      }
      if (closing.getCount() == 0) {
        LOG.warn("stopping with {} events unacknowledged; they stay in the slot", pending.size());
        return false;
      }
      Duration delay = backoff.delay(attempt);
      LOG.warn(
          "Kafka did not acknowledge {} events (attempt {}): {}; retrying in {} ms",
          pending.size(),
          attempt,
          failure,
          delay.toMillis());
      if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    if (failure != null) {
      LOG.info("Kafka acknowledges again");
      failure = null;
    }
    published.addAndGet(events.size());
    return true;
  }

  /**
   * Fetches the topic's metadata now, so the first change after start does not pay for it (about
   * half a second). Failure is fine here: publish() waits and retries anyway.
   */
  public void warmUp() {
    try {
      producer.partitionsFor(topic);
    } catch (RuntimeException e) {
      LOG.debug("topic metadata not available yet: {}", e.toString());
    }
  }

  /** Why the last attempt failed while it has not succeeded since; null when all is well. */
  public String failure() {
    return failure;
  }

  /** How many events Kafka acknowledged since start. */
  public long published() {
    return published.get();
  }

  /** Makes a publish that is failing give up, so shutdown does not wait for Kafka to return. */
  public void stopRetrying() {
    closing.countDown();
  }

  @Override
  public void close() {
    stopRetrying();
    producer.close(Duration.ofSeconds(10));
  }

  private List<SyncEvent> sendAndCollectFailures(List<SyncEvent> events)
      throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    List<SyncEvent> failed = new ArrayList<>();
    for (SyncEvent event : events) {
      byte[] value = Contract.encodeUnchecked(event);
      try {
        sent.add(producer.send(new ProducerRecord<>(topic, event.key(), value)));
      } catch (RuntimeException e) { // metadata not available within max.block.ms, and the like
        failure = describe(e);
        sent.add(null);
      }
    }
    for (int i = 0; i < events.size(); i++) {
      Future<RecordMetadata> future = sent.get(i);
      if (future == null) {
        failed.add(events.get(i));
        continue;
      }
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = describe(e.getCause());
        failed.add(events.get(i));
      }
    }
    return failed;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
