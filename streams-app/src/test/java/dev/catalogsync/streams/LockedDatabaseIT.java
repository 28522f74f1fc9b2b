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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The host application holds a lock the app's writes need: a migration, a long transaction. */
@ExtendWith(RealStack.class)
class LockedDatabaseIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void aBatchWriteWaitingForALockGivesUpAfterTheLockTimeout(TestDatabase database)
      throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Database target =
        StreamsAppConfig.from(
                RunningApp.settingsOnly(
                    Map.of("database.url", database.jdbcUrl(), "database.lock-timeout.ms", "200")))
            .database();
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Connection db = database.connect();
        Connection host = database.connect();
        JdbcSyncWriter writer = new JdbcSyncWriter(target)) {
      DemoTables data = new DemoTables(db);
      data.projectWithResource("p", "d", 0);
      SyncEvent created = data.pendingEvents().get(0);
      lockResources(host);

      Future<ApplyResult> write =
          background.submit(
              () ->
                  writer.apply(
                      List.of(new ResourceState(created, 0).toWrite()), new long[] {created.id()}));
      await().atMost(PATIENCE).until(write::isDone);

      assertThat(write)
          .failsWithin(Duration.ZERO)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
      host.rollback();
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void healthIsNotReadyWhileEveryWriteFailsAndReadyAgainOnceOneSucceeds(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("database.lock-timeout.ms", "200");
    settings.put("apply.retry-backoff.ms", "100");
    settings.put("apply.unready-after.ms", "2000");
    StreamsAppConfig config = RunningApp.config(settings, stateDir);
    try (Connection db = database.connect();
        Connection host = database.connect();
        StreamsService app = RunningApp.startAndAwaitRunning(config)) {
      DemoTables data = new DemoTables(db);
      long resource = data.projectWithResource("p", "d", 20);
      lockResources(host);
      RunningApp.publish(config, data.pendingEvents());

      RunningApp.awaitNotReady(app, "every database write failed for", "lock timeout");

      host.rollback();
      await().atMost(PATIENCE).until(() -> app.health().ready());
      assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("p", "d", 20));
    }
  }

  /** What a migration does: an exclusive lock on catalog_resources until it ends. */
  private static void lockResources(Connection host) throws SQLException {
    host.setAutoCommit(false);
    try (Statement s = host.createStatement()) {
      s.execute("LOCK TABLE catalog_resources IN ACCESS EXCLUSIVE MODE");
    }
  }
}
