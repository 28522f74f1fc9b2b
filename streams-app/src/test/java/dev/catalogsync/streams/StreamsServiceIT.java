package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.DeadLetter;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
      DemoData data = new DemoData(db);
      long resource = data.projectWithResource("after the bad one", null, 10);
      produceRaw(config, "not-a-number", "{}");
      RunningApp.publish(config, data.pendingEvents());

      List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(config, 1);
      ConsumerRecord<byte[], byte[]> letter = letters.get(0);
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("not-a-number");
      assertThat(
              new String(
                  letter.headers().lastHeader(DeadLetters.ERROR_HEADER).value(),
                  StandardCharsets.UTF_8))
          .contains("key");
      DeadLetter value = Contract.decode(Payload.DEAD_LETTER, letter.value(), DeadLetter.class);
      assertThat(value.sourceTopic()).isEqualTo(config.topics().syncEvents());
      assertThat(value.value()).isEqualTo("{}");

      await().atMost(Duration.ofSeconds(30)).until(() -> data.pendingCount() == 0);
      assertThat(data.resourceColumns(resource))
          .isEqualTo(new DemoData.Columns("after the bad one", null, 10));
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

  private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(
      StreamsAppConfig config, int expected) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, RealStack.uniqueName("dlq-reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(config.topics().deadLetter()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    return records;
  }
}
