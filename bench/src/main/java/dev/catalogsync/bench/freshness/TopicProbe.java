package dev.catalogsync.bench.freshness;

import dev.catalogsync.bench.measure.TopicOffsets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Splits freshness in two: a side consumer of the sync-event topic (outside the streams app's
 * group) notes when each event was handed to Kafka by the connector (the record's CreateTime) and
 * when a consumer could read it. Source-to-Kafka is then CDC; Kafka-to-row is the streams app.
 */
final class TopicProbe implements AutoCloseable {
  /** When an event was sent by the connector and when this probe received it, epoch ms. */
  record Seen(long sentMs, long receivedMs) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<Long, Seen> seen = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  TopicProbe(String bootstrapServers, String topic) {
    TopicOffsets offsets = new TopicOffsets(bootstrapServers, topic);
    var start = offsets.end();
    offsets.close();
    consumer = new KafkaConsumer<>(TopicOffsets.properties(bootstrapServers));
    consumer.assign(start.keySet());
    start.forEach(consumer::seek);
    thread = new Thread(this::loop, "bench-topic-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running.get()) {
      var records = consumer.poll(Duration.ofMillis(20));
      long now = System.currentTimeMillis();
      synchronized (seen) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
          long id = eventId(r.value());
          if (id > 0) {
            seen.putIfAbsent(id, new Seen(r.timestamp(), now));
          }
        }
      }
    }
    consumer.close();
  }

  /**
   * The event id without a full JSON parse (the probe must stay cheap next to what it measures):
   * the top-level "id" member; the other ids are named catalog_resource_id and project_id.
   */
  static long eventId(byte[] json) {
    if (json == null) {
      return -1;
    }
    String s = new String(json, StandardCharsets.UTF_8);
    int at = s.indexOf("\"id\":");
    if (at < 0) {
      return -1;
    }
    int i = at + 5;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    int j = i;
    while (j < s.length() && Character.isDigit(s.charAt(j))) {
      j++;
    }
    return j > i ? Long.parseLong(s.substring(i, j)) : -1;
  }

  /** Stops the probe and returns what it saw, by event id. */
  Map<Long, Seen> finish() throws InterruptedException {
    running.set(false);
    thread.join(5_000);
    synchronized (seen) {
      return new HashMap<>(seen);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      finish();
    }
  }
}
