package dev.catalogsync.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning as text, the way kcat shows it to a user, for tests. */
public final class TopicReader implements AutoCloseable {
  /** One record; headers as UTF-8 text by name (the last value when a name repeats). */
  public record Line(String key, String value, Map<String, String> headers) {}

  private final KafkaConsumer<String, String> consumer;
  private final List<Line> lines = new ArrayList<>();

  public TopicReader(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Everything read so far, after one more short poll. */
  public List<Line> poll() {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
      Map<String, String> headers = new HashMap<>();
      for (Header header : r.headers()) {
        byte[] bytes = header.value();
        headers.put(header.key(), bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
      }
      lines.add(new Line(r.key(), r.value(), Map.copyOf(headers)));
    }
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
