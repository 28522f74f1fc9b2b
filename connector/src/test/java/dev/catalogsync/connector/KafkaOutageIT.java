package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kafka going away and coming back while projects are updated: nothing is lost. */
@ExtendWith(RealStack.class)
class KafkaOutageIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void eventsCommittedWhileKafkaIsDownArriveOnceItIsBack(TestDatabase database, @TempDir Path dir)
      throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), 0);
        DemoTables demo = DemoTables.install(database)) {
      ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
      demo.projectsWithResources(100, "outage-");
      try (ConnectorService connector = ConnectorService.start(config)) {
        demo.exec("UPDATE projects SET name = name || '-before'");
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
          await().atMost(PATIENCE).until(() -> topic.poll().size() >= 100);
        }

        kafka.stop();
        demo.exec("UPDATE projects SET name = name || '-during'");
        await()
            .atMost(PATIENCE)
            .untilAsserted(() -> assertThat(connector.health().ready()).isFalse());
        demo.exec("UPDATE projects SET description = 'still down'");

        kafka.start();
        demo.exec("UPDATE projects SET name = name || '-after'");

        Set<Long> updates = new HashSet<>(demo.eventIds());
        updates.removeIf(id -> id <= 100); // creation events predate the slot
        assertThat(updates).hasSize(400);
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
          await()
              .atMost(PATIENCE)
              .until(() -> ConnectorIT.eventIds(topic.poll()).containsAll(updates));
        }
        await().atMost(PATIENCE).until(() -> connector.health().ready());
      }
      Slots.drop(demo.connection(), config.slot());
    }
  }
}
