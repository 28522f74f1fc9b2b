package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector against a real PostgreSQL, Kafka broker and Debezium engine. */
@ExtendWith(RealStack.class)
class ConnectorIT {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void oneProjectUpdateProducesExactlyTheExpectedRecord(TestDatabase database, KafkaBroker kafka)
      throws Exception {
    ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
      long project = demo.project("alpha", "first", 0);
      long resource = demo.resource(project);
      demo.exec("UPDATE catalog_resource_sync_events SET status = 2"); // only the update counts
      List<TopicReader.Line> before =
          await().atMost(PATIENCE).until(topic::poll, lines -> lines.size() == 1);

      Instant updatedFrom = Instant.now();
      demo.exec("UPDATE projects SET name = 'beta', visibility_level = 20 WHERE id = " + project);

      List<TopicReader.Line> lines =
          await().atMost(PATIENCE).until(topic::poll, l -> l.size() > before.size());
      await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> topic.poll().size() == 2);
      TopicReader.Line line = lines.get(1);
      LOG.info("as kcat -f '%k %s\\n' prints it: {} {}", line.key(), line.value());

      long eventId;
      long txId;
      Instant createdAt;
      try (Statement s = demo.connection().createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT id, xmin::text::bigint, created_at FROM catalog_resource_sync_events"
                      + " WHERE status = 1")) {
        assertThat(rs.next()).isTrue();
        eventId = rs.getLong(1);
        txId = rs.getLong(2);
        createdAt = rs.getObject(3, OffsetDateTime.class).toInstant();
        assertThat(rs.next()).isFalse();
      }

      assertThat(line.key()).isEqualTo(Long.toString(resource));
      JsonNode value = Json.mapper().readTree(line.value());
      assertThat(value.size()).isEqualTo(10);
      assertThat(value.get("id").asLong()).isEqualTo(eventId);
      assertThat(value.get("catalog_resource_id").asLong()).isEqualTo(resource);
      assertThat(value.get("project_id").asLong()).isEqualTo(project);
      assertThat(value.get("name").asText()).isEqualTo("beta");
      assertThat(value.get("description").asText()).isEqualTo("first");
      assertThat(value.get("visibility_level").asInt()).isEqualTo(20);
      assertThat(Instant.parse(value.get("created_at").asText())).isEqualTo(createdAt);
      assertThat(value.get("source_lsn").asLong()).isPositive();
      assertThat(value.get("source_tx_id").asLong()).isEqualTo(txId);
      Instant committed = Instant.parse(value.get("source_committed_at").asText());
      assertThat(committed).isBetween(updatedFrom.minusSeconds(5), Instant.now());
      assertThat(connector.health().ready()).isTrue();
    }
  }

  @Test
  void oneUpdateOfTenThousandProjectsDeliversEveryEvent(TestDatabase database, KafkaBroker kafka)
      throws Exception {
    ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
      demo.projectsWithResources(10_000, "bulk-");
      int created = demo.eventIds().size();

      demo.exec("UPDATE projects SET visibility_level = 20");

      Set<Long> expected = demo.eventIds();
      assertThat(expected).hasSize(created + 10_000);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> eventIds(topic.poll()).containsAll(expected));
      assertThat(eventIds(topic.poll())).isEqualTo(expected);
    }
  }

  @Test
  void eventsCommittedWhileTheConnectorIsStoppedArriveAfterItsRestart(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
    try (DemoTables demo = DemoTables.install(database);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
      demo.projectsWithResources(100, "restart-");
      try (ConnectorService connector = ConnectorService.start(config)) {
        demo.exec("UPDATE projects SET name = name || '-1'");
      }
      demo.exec("UPDATE projects SET name = name || '-2'"); // nobody is streaming now
      try (ConnectorService connector = ConnectorService.start(config)) {
        demo.exec("UPDATE projects SET name = name || '-3'");
        Set<Long> expected = demo.eventIds();
        Set<Long> updates = new HashSet<>(expected);
        updates.removeIf(id -> id <= 100); // the creation events came before any slot existed
        await().atMost(PATIENCE).until(() -> eventIds(topic.poll()).containsAll(updates));
        assertThat(updates).hasSize(300);
      }
      Slots.drop(demo.connection(), config.slot());
    }
  }

  @Test
  void heartbeatsMoveTheSlotWhileOnlyOtherTablesAreWritten(TestDatabase database, KafkaBroker kafka)
      throws Exception {
    ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
      demo.exec("CREATE TABLE unrelated (id bigserial PRIMARY KEY, payload text)");
      demo.exec(
          "INSERT INTO unrelated (payload) SELECT repeat('x', 100) FROM generate_series(1, 5000)");
      String written = Slots.currentWalLsn(demo.connection());

      await()
          .atMost(PATIENCE)
          .until(() -> Slots.confirmedPast(demo.connection(), config.slot(), written));
      assertThat(topic.poll()).isEmpty(); // heartbeats are acknowledged, never published
      assertThat(connector.health().ready()).isTrue();
    }
  }

  @Test
  void aFailingEngineIsRestartedAndHealthSaysWhy(TestDatabase database, KafkaBroker kafka)
      throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    ConnectorConfig first = ConnectorConfig.from(TestConfigs.settings(values));
    // A second connector on the same slot fails while the first holds it: a real engine error.
    values.put("connector.start-timeout.ms", "2000");
    // Its own name: Debezium registers JMX metrics by name, and two alike in one JVM collide.
    // Without offsets of its own it resumes from the slot's confirmed position.
    values.put("connector.name", first.name() + "-second");
    values.put("debezium.slot.max.retries", "1");
    values.put("debezium.slot.retry.delay.ms", "200");
    // Debezium retries a busy slot by itself; no retries makes the engine stop, as on real faults.
    values.put("debezium.errors.max.retries", "0");
    ConnectorConfig second = ConnectorConfig.from(TestConfigs.settings(values));
    try (DemoTables demo = DemoTables.install(database);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), second.syncTopic())) {
      demo.projectsWithResources(10, "supervised-");
      ConnectorService holder = ConnectorService.start(first);
      try (ConnectorService connector = ConnectorService.start(second)) {
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () ->
                    assertThat(connector.health())
                        .satisfies(h -> assertThat(h.ready()).isFalse())
                        .satisfies(
                            h -> assertThat(h.detail()).contains("engine restarting after")));

        holder.close();
        await().atMost(PATIENCE).until(() -> connector.health().ready());
        demo.exec("UPDATE projects SET name = name || '-taken over'");
        Set<Long> updates = new HashSet<>(demo.eventIds());
        updates.removeIf(id -> id <= 10);
        await().atMost(PATIENCE).until(() -> eventIds(topic.poll()).containsAll(updates));
      } finally {
        holder.close();
      }
      Slots.drop(demo.connection(), first.slot());
    }
  }

  static Set<Long> eventIds(List<TopicReader.Line> lines) throws Exception {
    Set<Long> ids = new HashSet<>();
    for (TopicReader.Line line : lines) {
      ids.add(Json.mapper().readTree(line.value()).get("id").asLong());
    }
    return ids;
  }
}
