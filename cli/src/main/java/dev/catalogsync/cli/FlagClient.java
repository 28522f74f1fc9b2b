package dev.catalogsync.cli;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.ContractViolation;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.schemas.contract.Payload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sets and reads a flag on the compacted flag topic, the way every streams instance sees it. */
public final class FlagClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private final Map<String, String> clientSettings;
  private final String topic;

  /**
   * @param clientSettings Kafka client settings every client gets (security settings, for one)
   */
  public FlagClient(String bootstrapServers, Map<String, String> clientSettings, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.clientSettings = Map.copyOf(clientSettings);
    this.topic = topic;
  }

  /** Writes the flag and waits for the broker's acknowledgement. */
  public void set(String flag, boolean enabled, String by) {
    Contract.checkKey(Payload.FLAG, flag);
    byte[] value = Contract.encode(Payload.FLAG, new FlagRecord(enabled, Instant.now(), by));
    Map<String, Object> config =
        KafkaOptions.clientConfig(
            clientSettings,
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis() - 1000));
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, flag, value))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot write flag "
              + flag
              + " to "
              + topic
              + " at "
              + bootstrapServers
              + ": "
              + cause(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing flag " + flag);
    }
  }

  /** The newest valid record of the flag, or empty when it was never set (or reset). */
  public Optional<FlagRecord> read(String flag) {
    Map<String, Object> config =
        KafkaOptions.clientConfig(
            clientSettings,
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      Optional<FlagRecord> latest = Optional.empty();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + topic + " at " + bootstrapServers);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (flag.equals(r.key())) {
            latest = parse(r.value(), latest);
          }
        }
      }
      return latest;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalStateException(
          "cannot read " + topic + " at " + bootstrapServers + ": " + e.getMessage());
    }
  }

  private static Optional<FlagRecord> parse(byte[] value, Optional<FlagRecord> previous) {
    if (value == null) {
      return Optional.empty(); // tombstone: back to the default
    }
    try {
      return Optional.of(Contract.decode(Payload.FLAG, value, FlagRecord.class));
    } catch (ContractViolation e) {
      return previous; // the streams app ignores malformed flags too
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static String cause(Exception e) {
    Throwable t = e.getCause() != null ? e.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
