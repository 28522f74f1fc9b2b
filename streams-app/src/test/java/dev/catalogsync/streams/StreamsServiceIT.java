package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.DeadLetter;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring, one behaviour per test on an app started the same way: topics created at start,
 * health, dead letters on a real topic, clean close.
 */
@ExtendWith(RealStack.class)
class StreamsServiceIT {
  @TempDir Path stateDir;
  private TestDatabase database;
  private KafkaBroker broker;
  private StreamsAppConfig config;
  private StreamsService app;

  /** The demo tables and a running app on topics of its own, with three partitions. */
  @BeforeEach
  void start(TestDatabase fresh, KafkaBroker kafka) {
    database = fresh;
    broker = kafka;
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("topic.partitions", "3");
    config = RunningApp.config(settings, stateDir);
    app = RunningApp.startAndAwaitRunning(config);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void startingCreatesItsTopicsWithTheirPartitionsAndCleanupPolicies() throws Exception {
    StreamsAppConfig.Topics topics = config.topics();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(List.of(topics.syncEvents(), topics.flags(), topics.deadLetter()))
              .allTopicNames()
              .get();
      assertThat(described.get(topics.syncEvents()).partitions()).hasSize(3);
      assertThat(described.get(topics.flags()).partitions()).hasSize(1);
      assertThat(described.get(topics.deadLetter()).partitions()).hasSize(3);
      assertThat(cleanupPolicy(admin, topics.syncEvents())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, topics.flags())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, topics.deadLetter())).isEqualTo("delete");
    }
  }

  @Test
  void whileRunningHealthIsReadyAndNamesTheComponentAndState() {
    assertThat(app.health().ready()).isTrue();
    assertThat(app.health().component()).isEqualTo("streams-app");
    assertThat(app.health().detail()).isEqualTo("RUNNING");
  }

  @Test
  void aBadRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillWritten() throws Exception {
    try (Connection db = database.connect()) {
      DemoTables data = new DemoTables(db);
      long resource = data.projectWithResource("after the bad one", null, 10);
      produceRaw(config, "not-a-number", "{}");
      RunningApp.publish(config, data.pendingEvents());

      TopicReader.Line letter;
      try (TopicReader letters =
          new TopicReader(config.bootstrapServers(), config.topics().deadLetter())) {
        letter =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(letters::poll, lines -> !lines.isEmpty())
                .get(0);
      }
      assertThat(letter.key()).isEqualTo("not-a-number");
      assertThat(letter.headers().get(DeadLetters.ERROR_HEADER)).contains("key");
      DeadLetter value =
          Contract.decode(
              Payload.DEAD_LETTER,
              letter.value().getBytes(StandardCharsets.UTF_8),
              DeadLetter.class);
      assertThat(value.sourceTopic()).isEqualTo(config.topics().syncEvents());
      assertThat(value.value()).isEqualTo("{}");

      await().atMost(Duration.ofSeconds(30)).until(() -> data.pendingCount() == 0);
      assertThat(data.resourceColumns(resource))
          .isEqualTo(new DemoTables.Columns("after the bad one", null, 10));
    }
  }

  @Test
  void afterACleanCloseHealthIsNotReadyAndSaysNotRunning() {
    StreamsService closed = app;
    app = null;
    closed.close();

    assertThat(closed.health().ready()).isFalse();
    assertThat(closed.health().detail()).isEqualTo("NOT_RUNNING");
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get()
        .get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
        .value();
  }

  private static void produceRaw(StreamsAppConfig config, String key, String value)
      throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(config.topics().syncEvents(), key, value)).get();
    }
  }
}
