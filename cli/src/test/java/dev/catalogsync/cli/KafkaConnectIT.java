package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.core.DatabaseAddress;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import dev.catalogsync.streams.StreamsService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock Debezium connector on a real Kafka Connect worker, configured by
 * connect/catalog-sync-postgres.json, in place of our embedded connector: the streams app applies
 * what it publishes, across a worker restart, and its records are those of the embedded connector,
 * which runs beside it on a slot and topic of its own as the reference.
 */
@ExtendWith(RealStack.class)
class KafkaConnectIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Path CONNECTOR_JSON = Path.of("..", "connect", "catalog-sync-postgres.json");
  private static final String CONNECTOR = "catalog-sync-postgres";
  private static final String SLOT = "catalog_sync_connect";
  private static final String SYNC_TOPIC = "catalog-sync.sync-events";
  private static final String HEARTBEAT_TOPIC = "__debezium-heartbeat." + CONNECTOR;

  @Test
  void theStreamsAppAppliesWhatTheConnectWorkerPublishesAsIfTheEmbeddedConnectorHad(
      TestDatabase database, KafkaBroker kafka, @TempDir Path stateDir) throws Exception {
    Map<String, String> reference =
        TestPipeline.settings(database, kafka.bootstrapServers(), stateDir);
    // Every heartbeat row is then the worker's: its heartbeat.action.query is what is tested.
    reference.put("connector.heartbeat-interval.ms", "1h");
    reference.put("connector.stall-timeout.ms", "2h");
    Map<String, String> streamsSettings = new HashMap<>(reference);
    streamsSettings.put("topic.sync-events", SYNC_TOPIC);
    // No reconciler: what reaches catalog_resources came through the worker's topic.
    streamsSettings.put("reconcile.grace.ms", "6h");

    try (DemoTables demo = DemoTables.install(database);
        ConnectWorker worker = ConnectWorker.start(kafka.bootstrapServers())) {
      try {
        postConnector(worker, database);
        // Changes committed once the slot exists are streamed (snapshot.mode=no_data).
        await().atMost(PATIENCE).until(() -> slotActive(demo));
        try (ConnectorService embedded = TestPipeline.startConnector(reference)) {
          demo.projectsWithResources(20, "connect-");
          // The worker creates the sync topic with its first record, before the app could (a
          // consumer asking first would have the broker create it, with one partition).
          await().atMost(PATIENCE).until(() -> topicExists(kafka, SYNC_TOPIC));
          long tooLarge;
          try (StreamsService streams = TestPipeline.startStreams(streamsSettings)) {
            demo.exec("UPDATE projects SET name = name || ' v2', visibility_level = 20");
            demo.exec("UPDATE projects SET description = NULL WHERE id % 3 = 0");
            demo.exec("UPDATE projects SET visibility_level = 10 WHERE id % 2 = 0");
            // created_at with trailing zeros, where the two renderings of a timestamp differ.
            for (String at : List.of("00:00:00", "00:00:00.5", "00:00:00.123", "00:00:00.000123")) {
              enqueueFirstProjectAt(demo, "2026-01-01 " + at + "+00");
            }
            tooLarge = eventTooLargeForKafka(demo);
            awaitApplied(demo, Set.of(tooLarge));
            assertThat(worker.rest().running(CONNECTOR)).isTrue();

            worker.stop();
            await().atMost(PATIENCE).until(() -> !slotActive(demo));
            demo.exec("UPDATE projects SET name = name || ' while Connect was down'");
            demo.projectsWithResources(3, "created-while-down-");
            assertThat(demo.pendingCount()).isEqualTo(1 + 20 + 3); // waiting in the slot
            worker.start();
            await().atMost(PATIENCE).until(() -> worker.rest().running(CONNECTOR));
            awaitApplied(demo, Set.of(tooLarge));

            // A heartbeat row went through the slot; the update after it shows it was consumed.
            await()
                .atMost(PATIENCE)
                .until(() -> demo.queryLong("SELECT count(*) FROM catalog_sync_heartbeat") > 0);
            demo.exec("UPDATE projects SET description = 'after a heartbeat' WHERE id % 2 = 1");
            awaitApplied(demo, Set.of(tooLarge));
          }
          Set<Long> published = new TreeSet<>(demo.eventIds());
          published.remove(tooLarge); // the worker skipped it, the embedded one dead-lettered it
          Map<Long, JsonNode> viaConnect = eventsById(kafka, SYNC_TOPIC, published);
          Map<Long, JsonNode> viaEmbedded =
              eventsById(kafka, reference.get("topic.sync-events"), published);
          viaConnect.forEach((id, value) -> assertSameEvent(value, viaEmbedded.get(id)));
          assertTopics(kafka);

          // Heartbeat records carry the slot past the last event's transaction: WAL is released.
          long newest =
              viaConnect.values().stream()
                  .mapToLong(v -> v.get("source_lsn").asLong())
                  .max()
                  .orElseThrow();
          await().atMost(PATIENCE).until(() -> confirmedFlushLsn(demo) > newest);
        }
      } finally {
        if (worker.running()) {
          worker.rest().delete(CONNECTOR);
        }
        worker.stop();
        dropSlot(demo, SLOT);
        dropSlot(demo, reference.get("connector.slot"));
      }
    }
  }

  /** POSTs connect/'s JSON with its placeholders filled in, as a user does with envsubst. */
  private static void postConnector(ConnectWorker worker, TestDatabase database) throws Exception {
    DatabaseAddress address = DatabaseAddress.parse("database.url", database.jdbcUrl());
    String json =
        Files.readString(CONNECTOR_JSON, StandardCharsets.UTF_8)
            .replace("${PGHOST}", address.host())
            .replace("${PGPORT}", Integer.toString(address.port()))
            .replace("${PGDATABASE}", address.database())
            .replace("${PGUSER}", address.parameters().get("user"))
            .replace("${PGPASSWORD}", ""); // the embedded server trusts local connections
    assertThat(json).doesNotContain("${");
    await().atMost(PATIENCE).until(() -> worker.rest().healthy());
    ConnectRest.Response created = worker.rest().create(json);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    await().atMost(PATIENCE).until(() -> worker.rest().running(CONNECTOR));
  }

  /** An event with the first project's current values and a given created_at, as backfill does. */
  private static void enqueueFirstProjectAt(DemoTables demo, String createdAt) throws Exception {
    demo.queryLong(
        "INSERT INTO catalog_resource_sync_events"
            + " (catalog_resource_id, project_id, name, description, visibility_level, created_at)"
            + " SELECT c.id, p.id, p.name, p.description, p.visibility_level, ?::timestamptz"
            + " FROM catalog_resources c JOIN projects p ON p.id = c.project_id"
            + " ORDER BY c.id LIMIT 1 RETURNING id",
        createdAt);
  }

  /**
   * An event over the worker's producer limit (max.request.size, 1 MiB): with errors.tolerance=all
   * the worker skips it and streams on. Its queue row stays pending, for the reconciler; here the
   * project's next change brings its resource up to date. Returns the skipped event's id.
   */
  private static long eventTooLargeForKafka(DemoTables demo) throws Exception {
    demo.exec("UPDATE projects SET description = repeat('x', 1200000) WHERE id = 1");
    long id = demo.queryLong("SELECT max(id) FROM catalog_resource_sync_events");
    demo.exec("UPDATE projects SET description = 'small again' WHERE id = 1");
    return id;
  }

  /** Until every resource equals its project and only the given events are still pending. */
  private static void awaitApplied(DemoTables demo, Set<Long> leftPending) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.pendingEvents().stream()
                        .map(SyncEvent::id)
                        .collect(Collectors.toSet())
                        .equals(leftPending)
                    && demo.resources().equals(demo.expected()));
  }

  /**
   * Every record of a sync topic by event id, each checked against the contract as the streams app
   * checks it (a heartbeat row or a wrong key would fail here); a repeated event must be identical.
   */
  private static Map<Long, JsonNode> eventsById(KafkaBroker kafka, String topic, Set<Long> ids)
      throws Exception {
    Map<Long, JsonNode> byId = new TreeMap<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
      await().atMost(PATIENCE).until(() -> idsOf(reader.poll()).containsAll(ids));
      for (TopicReader.Line line : reader.poll()) {
        byte[] value = line.value().getBytes(StandardCharsets.UTF_8);
        Contract.checkKey(Payload.SYNC_EVENT, line.key());
        assertThat(Contract.problems(Payload.SYNC_EVENT, line.value())).isEmpty();
        SyncEvent event = Contract.decode(Payload.SYNC_EVENT, value, SyncEvent.class);
        assertThat(line.key()).isEqualTo(event.key());
        JsonNode tree = Json.mapper().readTree(value);
        JsonNode earlier = byId.putIfAbsent(event.id(), tree);
        assertThat(earlier == null ? tree : earlier).isEqualTo(tree);
      }
    }
    assertThat(byId.keySet()).as(topic).isEqualTo(ids);
    return byId;
  }

  private static Set<Long> idsOf(List<TopicReader.Line> lines) throws Exception {
    Set<Long> ids = new TreeSet<>();
    for (TopicReader.Line line : lines) {
      ids.add(Json.mapper().readTree(line.value()).path("id").asLong());
    }
    return ids;
  }

  /**
   * The same fields in the same order, and the same event once parsed, except for the commit time's
   * precision. The timestamps' text differs as connect/README.md says: created_at always has six
   * fraction digits (Debezium's rendering of the column), the embedded connector's three, six or
   * none; source_committed_at has TimestampConverter's milliseconds.
   */
  private static void assertSameEvent(JsonNode connect, JsonNode embedded) {
    List<String> names = new ArrayList<>();
    connect.fieldNames().forEachRemaining(names::add);
    List<String> embeddedNames = new ArrayList<>();
    embedded.fieldNames().forEachRemaining(embeddedNames::add);
    assertThat(names).isEqualTo(embeddedNames);

    SyncEvent got = parse(connect);
    SyncEvent want = parse(embedded);
    assertThat(got)
        .isEqualTo(
            new SyncEvent(
                want.id(),
                want.catalogResourceId(),
                want.projectId(),
                want.name(),
                want.description(),
                want.visibilityLevel(),
                want.createdAt(),
                want.sourceLsn(),
                want.sourceTxId(),
                want.sourceCommittedAt().truncatedTo(ChronoUnit.MILLIS)));
    assertThat(connect.get("created_at").textValue()).matches(".*:\\d\\d\\.\\d{6}Z");
    assertThat(connect.get("source_committed_at").textValue()).matches(".*:\\d\\d\\.\\d{3}Z");
  }

  private static SyncEvent parse(JsonNode value) {
    byte[] json = value.toString().getBytes(StandardCharsets.UTF_8);
    return Contract.decode(Payload.SYNC_EVENT, json, SyncEvent.class);
  }

  /**
   * The topics the worker created as connect/ asks: the sync topic as the embedded connector
   * creates it, Debezium's heartbeat topic, and none for the tables.
   */
  private static void assertTopics(KafkaBroker kafka) throws Exception {
    try (Admin admin = admin(kafka)) {
      assertThat(admin.listTopics().names().get())
          .contains(HEARTBEAT_TOPIC)
          .noneMatch(t -> t.contains("catalog_sync_heartbeat"))
          .noneMatch(t -> t.contains("catalog_resource_sync_events"));
      assertThat(partitionsAndPolicy(admin, SYNC_TOPIC)).isEqualTo("4 compact");
      assertThat(partitionsAndPolicy(admin, HEARTBEAT_TOPIC)).isEqualTo("1 compact");
    }
  }

  private static String partitionsAndPolicy(Admin admin, String topic) throws Exception {
    TopicDescription description =
        admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
    return description.partitions().size() + " " + config.get("cleanup.policy").value();
  }

  private static boolean topicExists(KafkaBroker kafka, String topic) throws Exception {
    try (Admin admin = admin(kafka)) {
      return admin.listTopics().names().get().contains(topic);
    }
  }

  private static Admin admin(KafkaBroker kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static boolean slotActive(DemoTables demo) throws Exception {
    return demo.queryLong(
            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active", SLOT)
        == 1;
  }

  private static long confirmedFlushLsn(DemoTables demo) throws Exception {
    return demo.queryLong(
        "SELECT confirmed_flush_lsn - '0/0' FROM pg_replication_slots WHERE slot_name = ?", SLOT);
  }

  /** Slots belong to the server the other tests share: an idle one would hold WAL for the run. */
  private static void dropSlot(DemoTables demo, String slot) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptions() // still active for a moment after its connector stopped
        .until(
            () ->
                demo.queryLong(
                        "SELECT count(pg_drop_replication_slot(slot_name))"
                            + " FROM pg_replication_slots WHERE slot_name = ?",
                        slot)
                    >= 0);
  }
}
