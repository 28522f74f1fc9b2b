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
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Queue rows whose events never reach Kafka (CDC down, triggers bypassed) are still applied. */
@ExtendWith(RealStack.class)
class ReconcilerIT {

  @Test
  void queueRowsThatNeverReachKafkaAreReconciled(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("reconcile.interval.ms", "1000");
    settings.put("reconcile.grace.ms", "300");
    settings.put("reconcile.batch-size", "4");
    StreamsAppConfig config = RunningApp.config(settings, stateDir);

    try (Connection db = database.connect();
        StreamsService app = RunningApp.startAndAwaitRunning(config)) {
      DemoTables data = new DemoTables(db);
      for (int i = 0; i < 10; i++) {
        long resource = data.projectWithResource("p" + i, null, 0);
        data.updateProject(data.projectOf(resource), "bypassed" + i, "no cdc", 20);
      }
      // Nothing is published: only the reconciler can apply these.
      await().atMost(Duration.ofSeconds(30)).until(() -> data.pendingCount() == 0);
      assertThat(data.processedCount()).isEqualTo(20);
      assertThat(data.resources()).isEqualTo(data.expected());
      assertThat(app.health().ready()).isTrue();
    }
  }

  @Test
  void oneReconcilerAtATimeWithGitLabsFigures(TestDatabase database) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    StreamsAppConfig.Reconcile settings =
        new StreamsAppConfig.Reconcile(
            Duration.ofSeconds(1), Duration.ofMillis(1), 3, Duration.ofSeconds(30));
    Database target = RunningApp.database(database);
    try (Connection db = database.connect();
        Connection other = database.connect();
        Reconciler reconciler = new Reconciler(target, settings)) {
      DemoTables data = new DemoTables(db);
      assertThat(reconciler.run()).isEqualTo(new ReconcileResult(0, 0, 0, 0, true));

      for (int i = 0; i < 4; i++) {
        data.projectWithResource("p" + i, "d", 10);
      }
      try (Statement s = db.createStatement()) {
        // A hole in the ids: estimated_total_events counts the range, as GitLab's does.
        s.execute("UPDATE catalog_resource_sync_events SET status = 2 WHERE id = 2");
      }
      Thread.sleep(5); // past the 1 ms grace

      // Another instance holds the lock: this run does nothing.
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
        lock.setLong(1, Reconciler.LOCK_KEY);
        lock.executeQuery().close();
      }
      assertThat(reconciler.run().lockHeld()).isFalse();
      assertThat(data.pendingCount()).isEqualTo(3);
      try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, Reconciler.LOCK_KEY);
        unlock.executeQuery().close();
      }

      assertThat(reconciler.run()).isEqualTo(new ReconcileResult(4, 3, 3, 3, true));
      assertThat(data.pendingCount()).isZero();
      // Resource 2's event was already processed, so the reconciler did not touch it.
      assertThat(data.resources().values()).filteredOn(c -> c.name() == null).hasSize(1);
    }
  }

  @Test
  void anOlderEventAppliedAfterTheReconcilerCannotUndoTheProjectsCurrentValues(
      TestDatabase database) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Database target = RunningApp.database(database);
    try (Connection db = database.connect();
        Reconciler reconciler = new Reconciler(target, oneMinuteGrace());
        JdbcSyncWriter stream = new JdbcSyncWriter(target)) {
      DemoTables data = new DemoTables(db);
      long resource = data.projectWithResource("p", "d", 0);
      data.backdateQueue(Instant.now().minus(Duration.ofHours(1))); // CDC missed this one
      long project = data.projectOf(resource);
      data.updateProject(project, "p", "d", 20); // made public...
      data.updateProject(project, "p", "d", 0); // ...and private again, both still in flight
      SyncEvent madePublic = data.pendingEvents().get(1);

      reconciler.run(); // copies the project's current row for the old event
      stream.apply(
          List.of(new ResourceState(madePublic, 0).toWrite()), new long[] {madePublic.id()});

      assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("p", "d", 0));
    }
  }

  @Test
  void theReconcilerLeavesAResourceTheStreamIsWritingForLaterInsteadOfDeadlocking(
      TestDatabase database) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Database target = RunningApp.database(database);
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Connection db = database.connect();
        Connection streamWrite = database.connect();
        Reconciler reconciler = new Reconciler(target, oneMinuteGrace())) {
      DemoTables data = new DemoTables(db);
      long busy = data.projectWithResource("busy", "d", 0);
      long idle = data.projectWithResource("idle", "d", 10);
      data.backdateQueue(Instant.now().minus(Duration.ofHours(1))); // CDC missed both

      // The stream's batch statement has written the busy resource's row and is about to mark
      // its queue rows, as apply-batch.sql does in one transaction.
      streamWrite.setAutoCommit(false);
      try (Statement s = streamWrite.createStatement()) {
        s.execute("UPDATE catalog_resources SET synced_at = now() WHERE id = " + busy);
      }
      Future<ReconcileResult> run = background.submit(reconciler::run);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> run.isDone() || database.hasSessionWaitingForALock());
      try (Statement s = streamWrite.createStatement()) {
        s.execute(
            "UPDATE catalog_resource_sync_events SET status = 2 WHERE catalog_resource_id = "
                + busy);
      }
      streamWrite.commit();

      // Neither side was chosen as a deadlock victim: both committed.
      assertThat(run.get(30, TimeUnit.SECONDS).processedEvents()).isEqualTo(1);
      assertThat(data.resourceColumns(idle)).isEqualTo(new DemoTables.Columns("idle", "d", 10));
      assertThat(data.pendingCount()).isZero();
    } finally {
      background.shutdownNow();
    }
  }

  private static StreamsAppConfig.Reconcile oneMinuteGrace() {
    return new StreamsAppConfig.Reconcile(
        Duration.ofSeconds(1), Duration.ofMinutes(1), 100, Duration.ofSeconds(30));
  }
}
