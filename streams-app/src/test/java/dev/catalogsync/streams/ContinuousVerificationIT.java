package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous verification in a running app: drift that produced no event is found within a pass,
 * and repaired through the guarded path when asked to.
 */
@ExtendWith(RealStack.class)
class ContinuousVerificationIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @BeforeEach
  void watchMetrics() {
    Metrics.addRegistry(metrics);
  }

  @AfterEach
  void stopWatching() {
    Metrics.removeRegistry(metrics);
  }

  @Test
  void driftWithoutAnEventIsFoundAndRepaired(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    try (DemoTables demo = inSync(database, 5);
        StreamsService app = start(database, broker, stateDir, true)) {
      drift(demo);

      await().atMost(PATIENCE).until(() -> demo.resources().equals(demo.expected()));
      assertThat(count("catalog_sync_verify_drift_found")).isGreaterThanOrEqualTo(2);
      assertThat(count("catalog_sync_verify_drift_repaired")).isGreaterThanOrEqualTo(2);
      await()
          .atMost(PATIENCE)
          .until(() -> !Double.isNaN(gauge("catalog_sync_verify_last_full_pass_age_seconds")));
    }
  }

  @Test
  void withoutRepairDriftIsOnlyCounted(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    try (DemoTables demo = inSync(database, 4);
        StreamsService app = start(database, broker, stateDir, false)) {
      drift(demo);

      await().atMost(PATIENCE).until(() -> count("catalog_sync_verify_drift_found") >= 2);
      assertThat(count("catalog_sync_verify_drift_repaired")).isZero();
      assertThat(demo.pendingCount()).isZero();
      assertThat(demo.resources()).isNotEqualTo(demo.expected());
    }
  }

  /** Projects with resources holding their values, and no pending event. */
  private static DemoTables inSync(TestDatabase database, int count) throws Exception {
    DemoTables demo = DemoTables.install(database);
    demo.projectsWithResources(count, "verified-");
    demo.exec(
        "UPDATE catalog_resources c SET name = p.name, description = p.description,"
            + " visibility_level = p.visibility_level FROM projects p WHERE p.id = c.project_id;"
            + " UPDATE catalog_resource_sync_events SET status = 2");
    return demo;
  }

  /** Two projects changed with the trigger off, as a restore or a migration tool does. */
  private static void drift(DemoTables demo) throws Exception {
    demo.exec(
        "SET session_replication_role = replica;"
            + " UPDATE projects SET visibility_level = 20"
            + " WHERE id IN (SELECT id FROM projects ORDER BY id LIMIT 2);"
            + " SET session_replication_role = origin");
  }

  private static StreamsService start(
      TestDatabase database, KafkaBroker broker, Path stateDir, boolean repair) {
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("verify.interval.ms", "200");
    settings.put("verify.batch-size", "2");
    settings.put("verify.grace.ms", "1000");
    settings.put("verify.repair", Boolean.toString(repair));
    // No connector here: the repair's events reach the table through the reconciler.
    settings.put("reconcile.interval.ms", "300");
    settings.put("reconcile.grace.ms", "300");
    return RunningApp.startAndAwaitRunning(RunningApp.config(settings, stateDir));
  }

  private double count(String name) {
    var counter = metrics.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name) {
    var gauge = metrics.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }
}
