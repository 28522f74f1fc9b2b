package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's acceptance checklist for processing, on a real PostgreSQL and Kafka broker. */
@ExtendWith(RealStack.class)
class GitLabChecklistIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path stateDir;
  private Connection db;
  private DemoTables data;
  private Map<String, String> settings;
  private StreamsService app;

  @BeforeEach
  void setUp(TestDatabase database, KafkaBroker broker) throws SQLException {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    db = database.connect();
    data = new DemoTables(db);
    settings = RunningApp.settings(database, broker);
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (app != null) {
      app.close();
    }
    db.close();
  }

  private StreamsAppConfig start(Map<String, String> overrides) {
    settings.putAll(overrides);
    StreamsAppConfig config = RunningApp.config(settings, stateDir);
    app = RunningApp.startAndAwaitRunning(config);
    return config;
  }

  @Test
  void fourPendingEventsAreAllConsumedAndTheColumnsMatch() throws SQLException {
    long a = data.projectWithResource("a", "a", 0);
    long b = data.projectWithResource("b", "b", 0);
    markAllProcessed(); // the creation events: the checklist starts from the updates
    for (long resource : new long[] {a, b}) {
      long project = data.projectOf(resource);
      data.updateProject(project, "first", "update", 10);
      data.updateProject(project, "second " + resource, "update", 20);
    }
    assertThat(data.pendingCount()).isEqualTo(4);
    StreamsAppConfig config = start(Map.of());

    RunningApp.publish(config, data.pendingEvents());

    await().atMost(PATIENCE).until(() -> data.pendingCount() == 0);
    assertThat(data.processedCount()).isEqualTo(6);
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(data.resourceColumns(a))
        .isEqualTo(new DemoTables.Columns("second " + a, "update", 20));
  }

  @Test
  void aBacklogLargerThanOneBatchIsFullyDrained() throws SQLException {
    for (int i = 0; i < 60; i++) {
      long resource = data.projectWithResource("p" + i, null, 0);
      data.updateProject(data.projectOf(resource), "q" + i, "d" + i, 10);
    }
    StreamsAppConfig config = start(Map.of("apply.batch-size", "7"));

    RunningApp.publish(config, data.pendingEvents());

    await().atMost(PATIENCE).until(() -> data.pendingCount() == 0);
    assertThat(data.processedCount()).isEqualTo(120);
    assertThat(data.resources()).isEqualTo(data.expected());
  }

  @Test
  void withNoEventsNothingHappens() throws SQLException {
    data.projectWithResource("quiet", "q", 0);
    markAllProcessed();
    Map<Long, DemoTables.Columns> before = data.resources();
    start(Map.of("reconcile.interval.ms", "200", "reconcile.grace.ms", "1"));

    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> data.resources().equals(before) && data.pendingCount() == 0);
    assertThat(data.processedCount()).isEqualTo(1);
  }

  @Test
  void orphanEventsAreConsumedAndTheOtherResourcesStillSync() throws SQLException {
    long orphan = data.projectWithResource("orphan", null, 0);
    long kept = data.projectWithResource("kept", null, 0);
    data.updateProject(data.projectOf(orphan), "orphan2", "x", 20);
    data.updateProject(data.projectOf(kept), "kept2", "y", 20);
    var events = data.pendingEvents();
    data.deleteResource(orphan);
    StreamsAppConfig config = start(Map.of());

    RunningApp.publish(config, events);

    await().atMost(PATIENCE).until(() -> data.pendingCount() == 0);
    assertThat(data.resources()).containsOnlyKeys(kept);
    assertThat(data.resourceColumns(kept)).isEqualTo(new DemoTables.Columns("kept2", "y", 20));
  }

  @Test
  void withTheFlagOffEventsStayPendingAndOnceOnTheyAreApplied() throws Exception {
    long resource = data.projectWithResource("flagged", null, 0);
    data.updateProject(data.projectOf(resource), "flagged2", "z", 10);
    settings.put("flag.default", "true");
    StreamsAppConfig config = RunningApp.config(settings, stateDir);
    TopicCreator.createMissing(config);
    RunningApp.setFlag(config, false); // read by the global store before the app is RUNNING
    app = RunningApp.startAndAwaitRunning(config);

    RunningApp.publish(config, data.pendingEvents());
    await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> data.pendingCount() == 2);
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns(null, null, 0));

    RunningApp.setFlag(config, true);
    await().atMost(PATIENCE).until(() -> data.pendingCount() == 0);
    assertThat(data.resources()).isEqualTo(data.expected());
  }

  private void markAllProcessed() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("UPDATE catalog_resource_sync_events SET status = 2");
    }
  }
}
