package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances share a 4-partition topic; one stops mid-stream and the other takes over. */
@ExtendWith(RealStack.class)
class TwoInstancesIT {
  private static final int RESOURCES = 40;

  @Test
  void oneInstanceStoppedMidStreamLeavesTheTableEqualToProjects(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateA, @TempDir Path stateB)
      throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("topic.partitions", "4");
    StreamsAppConfig configA = RunningApp.config(settings, stateA);
    StreamsAppConfig configB = RunningApp.config(settings, stateB);

    try (Connection db = database.connect()) {
      DemoTables data = new DemoTables(db);
      List<Long> resources = new ArrayList<>();
      for (int i = 0; i < RESOURCES; i++) {
        resources.add(data.projectWithResource("p" + i, null, 0));
      }
      StreamsService a = RunningApp.startAndAwaitRunning(configA);
      try (StreamsService b = RunningApp.startAndAwaitRunning(configB)) {
        RunningApp.publish(configA, data.pendingEvents());
        await().atMost(Duration.ofSeconds(60)).until(() -> data.pendingCount() == 0);

        // Round 2 is published while A stops: some of its events were A's to apply.
        updateAll(data, resources, "round2", 10);
        List<SyncEvent> round2 = data.pendingEvents();
        RunningApp.publish(configA, round2.subList(0, round2.size() / 2));
        a.close();
        RunningApp.publish(configA, round2.subList(round2.size() / 2, round2.size()));
        updateAll(data, resources, "round3", 20);
        RunningApp.publish(configA, data.pendingEvents());

        await().atMost(Duration.ofSeconds(90)).until(() -> data.pendingCount() == 0);
        assertThat(data.resources()).isEqualTo(data.expected());
        assertThat(data.resources().values())
            .allSatisfy(c -> assertThat(c.name()).startsWith("round3"));
        assertThat(b.health().ready()).isTrue();
      } finally {
        a.close();
      }
    }
  }

  private static void updateAll(DemoTables data, List<Long> resources, String name, int level)
      throws java.sql.SQLException {
    for (long resource : resources) {
      data.updateProject(data.projectOf(resource), name + "-" + resource, name, level);
    }
  }
}
