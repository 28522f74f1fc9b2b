package dev.catalogsync.bench.measure;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** End offsets of the sync-event topic: where a backlog starts, and how much CDC has published. */
public final class TopicOffsets implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;

  public TopicOffsets(String bootstrapServers, String topic) {
    this.consumer = new KafkaConsumer<>(properties(bootstrapServers));
    this.partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toList());
    // Asked for the end offsets of partitions it was not assigned, the consumer warns once per
    // partition and call: thousands of lines per run. Assigned, it fetches nothing until polled.
    consumer.assign(partitions);
  }

  public static Properties properties(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }

  List<TopicPartition> partitions() {
    return partitions;
  }

  public Map<TopicPartition, Long> end() {
    return consumer.endOffsets(partitions);
  }

  public static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
