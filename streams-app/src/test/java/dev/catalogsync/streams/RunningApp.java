package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.core.Settings;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Helpers for ITs: a config on unique topics, publishing events and flags, waiting for RUNNING. */
final class RunningApp {
  static final Duration STARTUP = Duration.ofSeconds(60);

  private RunningApp() {}

  /** Settings for one test: its own topics and application id, on the real stack. */
  static Map<String, String> settings(TestDatabase database, KafkaBroker broker) {
    String prefix = RealStack.uniqueName("streams-it");
    Map<String, String> values = new HashMap<>();
    values.put("database.url", database.jdbcUrl());
    values.put("kafka.bootstrap.servers", broker.bootstrapServers());
    values.put("topic.sync-events", prefix + ".sync-events");
    values.put("topic.flags", prefix + ".flags");
    values.put("topic.dead-letter", prefix + ".dead-letter");
    values.put("streams.application-id", prefix);
    // The broker runs in this JVM next to the tests: keep its load low.
    values.put("kafka-streams.commit.interval.ms", "500");
    return values;
  }

  static StreamsAppConfig config(Map<String, String> values, Path stateDir) {
    Map<String, String> all = new HashMap<>(values);
    all.put("streams.state-dir", stateDir.toString());
    return StreamsAppConfig.from(
        Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of()).with(all));
  }

  /** The app's database settings, every default but the URL. */
  static Database database(TestDatabase database) {
    return StreamsAppConfig.from(settingsOnly(Map.of("database.url", database.jdbcUrl())))
        .database();
  }

  /** The shipped defaults with these values on top, without a state directory or topics. */
  static Settings settingsOnly(Map<String, String> values) {
    return Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of()).with(values);
  }

  static StreamsService startAndAwaitRunning(StreamsAppConfig config) {
    StreamsService service = StreamsService.start(config);
    await("streams app RUNNING").atMost(STARTUP).until(() -> service.health().ready());
    return service;
  }

  /** Waits until health is not ready and its reason holds every one of {@code reasons}. */
  static void awaitNotReady(StreamsService app, String... reasons) {
    await()
        .atMost(STARTUP)
        .untilAsserted(
            () ->
                assertThat(app.health())
                    .satisfies(h -> assertThat(h.ready()).isFalse())
                    .satisfies(h -> assertThat(h.detail()).contains(reasons)));
  }

  static void publish(StreamsAppConfig config, List<SyncEvent> events) {
    publish(config, null, events);
  }

  /** Publishes to one partition, in order; null partitions by key as the connector does. */
  static void publish(StreamsAppConfig config, Integer partition, List<SyncEvent> events) {
    try (Publisher publisher = new Publisher(config)) {
      publisher.publish(partition, events);
    }
  }

  /** A producer of sync events kept open across many publishes: a stand-in for the connector. */
  static final class Publisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    Publisher(StreamsAppConfig config) {
      this.producer = producer(config);
      this.topic = config.topics().syncEvents();
    }

    /** Sends in order and waits until the broker has them; null partitions by key. */
    void publish(Integer partition, List<SyncEvent> events) {
      for (SyncEvent event : events) {
        producer.send(
            new ProducerRecord<>(
                topic, partition, event.key(), Contract.encode(Payload.SYNC_EVENT, event)));
      }
      producer.flush();
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  static void setFlag(StreamsAppConfig config, boolean enabled)
      throws ExecutionException, InterruptedException {
    try (KafkaProducer<String, byte[]> producer = producer(config)) {
      producer
          .send(
              new ProducerRecord<>(
                  config.topics().flags(),
                  config.flag().name(),
                  Contract.encode(
                      Payload.FLAG, new FlagRecord(enabled, Instant.now(), "streams-app IT"))))
          .get();
    }
  }

  private static KafkaProducer<String, byte[]> producer(StreamsAppConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
