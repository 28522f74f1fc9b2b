package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state store holds the states not written yet, and only those: they come back from the
 * changelog when an instance loses its local state, and a written state leaves a tombstone.
 */
@ExtendWith(RealStack.class)
class UnwrittenStateIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path stateDir;

  @Test
  void stateConsumedWithTheFlagOffIsWrittenByAnInstanceThatLostItsLocalStore(
      TestDatabase database, KafkaBroker broker) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection db = database.connect()) {
      DemoTables data = new DemoTables(db);
      long written = data.projectWithResource("written", "w", 0);
      long unwritten = data.projectWithResource("unwritten", null, 0);
      data.updateProject(data.projectOf(unwritten), "unwritten2", "u", 20);
      List<SyncEvent> events = data.pendingEvents();
      StreamsAppConfig config = RunningApp.config(RunningApp.settings(database, broker), stateDir);
      TopicCreator.createMissing(config);
      RunningApp.setFlag(config, true);

      try (StreamsService app = RunningApp.startAndAwaitRunning(config)) {
        RunningApp.publish(config, of(events, written));
        await().atMost(PATIENCE).until(() -> data.syncVersion(written) > 0);
        RunningApp.setFlag(config, false);
        RunningApp.publish(config, of(events, unwritten));
        await().atMost(PATIENCE).until(() -> committedOffsets(config) == events.size());
      }
      assertThat(data.resourceColumns(unwritten)).isEqualTo(new DemoTables.Columns(null, null, 0));
      deleteRecursively(stateDir); // a new machine: only the changelog remembers

      RunningApp.setFlag(config, true);
      try (StreamsService app = RunningApp.startAndAwaitRunning(config)) {
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    data.resourceColumns(unwritten)
                        .equals(new DemoTables.Columns("unwritten2", "u", 20)));
        // Both states were written, so the changelog ends with a tombstone for each.
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  Map<Long, byte[]> latest = latestChangelogValues(config);
                  assertThat(latest).containsOnlyKeys(written, unwritten);
                  assertThat(latest.values()).containsOnlyNulls();
                });
      }
      assertThat(data.resources()).isEqualTo(data.expected());
    }
  }

  private static List<SyncEvent> of(List<SyncEvent> events, long resource) {
    return events.stream().filter(e -> e.catalogResourceId() == resource).toList();
  }

  /** Sum of the application's committed offsets on the sync-event topic. */
  private static long committedOffsets(StreamsAppConfig config) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(config.applicationId())
              .partitionsToOffsetAndMetadata()
              .get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(config.topics().syncEvents()))
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  /** The last value per key on the state store's changelog, as kcat would show it. */
  private static Map<Long, byte[]> latestChangelogValues(StreamsAppConfig config) {
    String topic = config.applicationId() + "-" + SyncTopology.STATE_STORE + "-changelog";
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (KafkaConsumer<Long, byte[]> consumer =
        new KafkaConsumer<>(props, new LongDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<Long, byte[]> latest = new HashMap<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<Long, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          latest.put(r.key(), r.value());
        }
      }
      return latest;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) {
        Files.delete(p);
      }
    }
  }
}
