package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Health reflects progress: a pending event nobody applies makes the app not ready. */
@ExtendWith(RealStack.class)
class BacklogHealthIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void anEventOlderThanTwoReconcileIntervalsMakesHealthNotReadyUntilItIsApplied(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    try (DemoTables demo = DemoTables.install(database);
        Connection host = database.connect();
        StreamsService app = start(database, broker, stateDir, "true")) {
      long resource = demo.projectWithResource("stuck", null, 0); // never published: no connector
      // The host holds the resource row: the reconciler, which never waits for a lock, skips it.
      host.setAutoCommit(false);
      try (Statement s = host.createStatement()) {
        s.execute("SELECT 1 FROM catalog_resources WHERE id = " + resource + " FOR UPDATE");
      }

      RunningApp.awaitNotReady(
          app,
          "the oldest pending sync event has waited",
          "more than two reconcile intervals (1 s)");

      host.rollback();
      await().atMost(PATIENCE).until(() -> demo.pendingCount() == 0);
      await().atMost(PATIENCE).until(() -> app.health().ready());
    }
  }

  @Test
  void withTheFlagOffWaitingEventsAreExpectedAndHealthStaysReady(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    try (DemoTables demo = DemoTables.install(database);
        StreamsService app = start(database, broker, stateDir, "false")) {
      demo.projectWithResource("held back by the flag", null, 0);

      await()
          .during(Duration.ofSeconds(7)) // past two reconcile intervals and health's cache
          .atMost(PATIENCE)
          .until(() -> app.health().ready());
      assertThat(demo.pendingCount()).isEqualTo(1);
    }
  }

  private static StreamsService start(
      TestDatabase database, KafkaBroker broker, Path stateDir, String flagDefault) {
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("reconcile.interval.ms", "500");
    settings.put("reconcile.grace.ms", "200");
    settings.put("flag.default", flagDefault);
    return RunningApp.startAndAwaitRunning(RunningApp.config(settings, stateDir));
  }
}
