package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.core.Health;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.testing.DemoTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21, item 4: events flow to Kafka, but the connector's offsets cannot be saved, so its
 * progress never reaches the replication slot. Nothing else looks wrong, so health says it.
 */
@ExtendWith(RealStack.class)
class SlotStallIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void healthIsNotReadyWhileTheSlotDoesNotAdvanceWithEventsPendingAndReadyOnceItDoes(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));
    try (DemoTables demo = DemoTables.install(database);
        TopicReader sync = new TopicReader(kafka.bootstrapServers(), config.syncTopic());
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      try (ConnectorService connector = ConnectorService.start(config)) {
        await().atMost(PATIENCE).until(() -> connector.health().ready());
        // No streams app runs: the events stay pending in the queue.
        demo.projectsWithResources(20, "stall-");
        await().atMost(PATIENCE).until(sync::poll, lines -> lines.size() == 20);

        // The offsets topic takes no record any more (as when its write permission is gone):
        // Debezium logs that the flush failed and goes on, confirming nothing to the slot.
        limitRecordSize(admin, config.offsetsTopic(), "1");
        demo.exec("UPDATE projects SET name = name || '-while-stalled'");
        await().atMost(PATIENCE).until(sync::poll, lines -> lines.size() == 40); // still flowing

        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () ->
                    assertThat(connector.health())
                        .satisfies(h -> assertThat(h.ready()).isFalse())
                        .extracting(Health::detail)
                        .asString()
                        .contains("replication slot " + config.slot() + " has not advanced for")
                        .contains("more than 5 heartbeat intervals (2500 ms)")
                        .contains("while 40 events are pending"));
        String written = Slots.currentWalLsn(demo.connection());

        limitRecordSize(admin, config.offsetsTopic(), null);
        await().atMost(PATIENCE).until(() -> connector.health().ready());
        assertThat(Slots.confirmedPast(demo.connection(), config.slot(), written)).isTrue();
      }
      Slots.drop(demo.connection(), config.slot());
    }
  }

  /** Sets the topic's max.message.bytes, or removes it again (null). */
  private static void limitRecordSize(Admin admin, String topic, String bytes) throws Exception {
    ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes);
    AlterConfigOp op =
        new AlterConfigOp(
            entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
    admin
        .incrementalAlterConfigs(
            Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }
}
