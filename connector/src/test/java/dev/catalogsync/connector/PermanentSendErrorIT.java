package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event Kafka will never accept (issue 17, item 4) goes to the dead-letter topic with the
 * reason, and everything after it still flows: the stream is not blocked and the slot moves on.
 */
@ExtendWith(RealStack.class)
class PermanentSendErrorIT {
  private static final Logger LOG = LoggerFactory.getLogger(PermanentSendErrorIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String QUEUE_TABLE = "catalog_resource_sync_events";

  /** 1.5 MiB: over the producer's default max.request.size of 1 MiB. */
  private static final int HUGE = 3 * 512 * 1024;

  @Test
  void anEventTooLargeForTheProducerIsQuarantinedAndLaterEventsFlow(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));
    String deadLetterTopic = values.get("topic.dead-letter");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        TopicReader sync = new TopicReader(kafka.bootstrapServers(), config.syncTopic());
        TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), deadLetterTopic)) {
      long project = demo.project("alpha", "small", 0);
      long resource = demo.resource(project);
      await().atMost(PATIENCE).until(sync::poll, lines -> lines.size() == 1); // its creation
      double lettersBefore = deadLetterCount(meters);

      demo.exec(
          "UPDATE projects SET description = repeat('x', " + HUGE + ") WHERE id = " + project);
      // Every event carries all values, so only an update that shrinks the description is small.
      demo.exec(
          "UPDATE projects SET name = 'after', description = 'small again' WHERE id = " + project);
      String written = Slots.currentWalLsn(demo.connection());
      long hugeId =
          demo.queryLong("SELECT id FROM " + QUEUE_TABLE + " WHERE length(description) > 1000000");

      // The update after the huge one reaches the sync topic: the stream is not blocked.
      List<TopicReader.Line> events =
          await().atMost(PATIENCE).until(sync::poll, lines -> hasName(lines, "after"));
      assertThat(ConnectorIT.eventIds(events)).doesNotContain(hugeId);

      // The huge one is on the dead-letter topic, where it came from and why, in value and headers.
      TopicReader.Line letter =
          await().atMost(PATIENCE).until(deadLetters::poll, lines -> !lines.isEmpty()).get(0);
      LOG.info("as kcat -f '%k %h\\n' prints it: {} {}", letter.key(), letter.headers());
      assertThat(Contract.problems(Payload.DEAD_LETTER, letter.value())).isEmpty();
      assertThat(letter.key()).isEqualTo(Long.toString(resource));
      JsonNode value = Json.mapper().readTree(letter.value());
      assertThat(value.get("source_topic").asText()).isEqualTo(QUEUE_TABLE);
      assertThat(value.get("source_partition").asInt()).isZero();
      assertThat(value.get("source_offset").asLong()).isEqualTo(hugeId);
      assertThat(value.get("key").asText()).isEqualTo(Long.toString(resource));
      assertThat(value.get("stage").asText()).isEqualTo("connector.publish");
      assertThat(value.get("error").asText())
          .contains("RecordTooLargeException", "max.request.size", "truncated");
      // Only a prefix of the event, so the letter itself stays publishable.
      String prefix = value.get("value").asText();
      assertThat(prefix).startsWith("{\"id\":" + hugeId + ",");
      assertThat(prefix.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64 * 1024);
      assertThat(letter.headers())
          .containsEntry("catalog-sync.stage", "connector.publish")
          .hasEntrySatisfying(
              "catalog-sync.error", e -> assertThat(e).contains("RecordTooLargeException"));

      // The slot's confirmed position passes the huge event: WAL is released.
      await()
          .atMost(PATIENCE)
          .until(() -> Slots.confirmedPast(demo.connection(), config.slot(), written));

      // Health stays ready (the pipeline flows) and says what was quarantined.
      assertThat(connector.health().ready()).isTrue();
      assertThat(connector.health().detail())
          .contains("1 quarantined", deadLetterTopic, "RecordTooLargeException");
      assertThat(deadLetterCount(meters) - lettersBefore).isEqualTo(1);
      assertThat(deadLetters.poll()).hasSize(1);
    } finally {
      Metrics.removeRegistry(meters);
    }
    try (DemoTables demo = DemoTables.connect(database)) {
      Slots.drop(demo.connection(), config.slot());
    }
  }

  @Test
  void anEventTheBrokerRejectsIsQuarantinedAndItsBatchNeighboursArePublished(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));
    String deadLetterTopic = values.get("topic.dead-letter");
    // An existing topic that accepts 16 KiB at most; one partition, so all three events of the
    // update below travel in one producer batch.
    createTopic(kafka, config.syncTopic(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16384"));
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        TopicReader sync = new TopicReader(kafka.bootstrapServers(), config.syncTopic());
        TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), deadLetterTopic)) {
      long first = demo.projectsWithResources(3, "neighbour-");
      long middle = first + 1;
      await().atMost(PATIENCE).until(sync::poll, lines -> lines.size() == 3); // their creation

      // Random hex, which lz4 cannot shrink under the topic's limit as it would a repeated
      // character: the producer compresses batches.
      demo.exec(
          "UPDATE projects SET description = CASE WHEN id = "
              + middle
              + " THEN (SELECT string_agg(md5(random()::text || g), '')"
              + " FROM generate_series(1, 1000) g) ELSE 'fine' END");
      String written = Slots.currentWalLsn(demo.connection());
      long bigId =
          demo.queryLong("SELECT id FROM " + QUEUE_TABLE + " WHERE length(description) > 10000");

      await()
          .atMost(PATIENCE)
          .until(
              sync::poll,
              lines -> lines.stream().filter(l -> l.value().contains("\"fine\"")).count() == 2);
      TopicReader.Line letter =
          await().atMost(PATIENCE).until(deadLetters::poll, lines -> !lines.isEmpty()).get(0);
      JsonNode value = Json.mapper().readTree(letter.value());
      assertThat(value.get("source_offset").asLong()).isEqualTo(bigId);
      assertThat(value.get("error").asText())
          .contains("RecordTooLargeException")
          .doesNotContain("truncated");
      // Small enough to be kept whole: the event exactly as it would have been published.
      SyncEvent event =
          Contract.decode(
              Payload.SYNC_EVENT,
              value.get("value").asText().getBytes(StandardCharsets.UTF_8),
              SyncEvent.class);
      assertThat(event.id()).isEqualTo(bigId);
      assertThat(event.description()).hasSize(32000);

      await()
          .atMost(PATIENCE)
          .until(() -> Slots.confirmedPast(demo.connection(), config.slot(), written));
      assertThat(connector.health().ready()).isTrue();
      assertThat(deadLetters.poll()).hasSize(1);
    }
    try (DemoTables demo = DemoTables.connect(database)) {
      Slots.drop(demo.connection(), config.slot());
    }
  }

  private static boolean hasName(List<TopicReader.Line> lines, String name) {
    return lines.stream().anyMatch(l -> l.value().contains("\"name\":\"" + name + "\""));
  }

  private static double deadLetterCount(SimpleMeterRegistry meters) {
    Counter counter = meters.find("catalog_sync_connector_dead_letters").counter();
    return counter == null ? 0 : counter.count();
  }

  private static void createTopic(KafkaBroker kafka, String name, Map<String, String> configs)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic(name, Optional.of(1), Optional.empty()).configs(configs)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
