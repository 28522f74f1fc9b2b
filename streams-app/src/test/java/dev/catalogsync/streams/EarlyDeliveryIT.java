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
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL writes a commit to the WAL before the committing session makes it visible, so CDC can
 * deliver an event whose transaction the app's statement cannot see yet. Here the transaction is
 * held open while its event is delivered: the widest form of that window.
 */
@ExtendWith(RealStack.class)
class EarlyDeliveryIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void aResourceWhoseCreationIsNotVisibleYetIsWrittenOnceItIs(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("reconcile.interval.ms", "3600000"); // only the stream can repair it here
    StreamsAppConfig config = RunningApp.config(settings, stateDir);
    try (Connection db = database.connect();
        Connection host = database.connect();
        StreamsService app = RunningApp.startAndAwaitRunning(config)) {
      DemoTables data = new DemoTables(db);
      long visible = data.projectWithResource("visible", null, 0);
      SyncEvent visibleCreated = data.pendingEvents().get(0);
      long project = data.project("alpha", "first", 20);

      // The host creates a resource with its own values; the creation trigger enqueues the
      // project's values in the same transaction, which commits only later.
      host.setAutoCommit(false);
      long resource = createResource(host, project);
      SyncEvent created = creationEvent(host, resource);
      // Both go to one partition: once the visible resource is written, the batch that carried
      // the invisible one has run too.
      RunningApp.publish(config, 0, List.of(created, visibleCreated));
      await().atMost(PATIENCE).until(() -> data.syncVersion(visible) > 0);
      host.commit();

      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  new DemoTables.Columns("alpha", "first", 20)
                      .equals(data.resourceColumns(resource)));
      assertThat(data.syncVersion(resource)).isEqualTo(created.id());
      await().atMost(PATIENCE).until(() -> data.pendingCount() == 0);
    }
  }

  private static long createResource(Connection host, long project) throws Exception {
    try (PreparedStatement ps =
        host.prepareStatement(
            "INSERT INTO catalog_resources (project_id, name) VALUES (?, 'host value')"
                + " RETURNING id")) {
      ps.setLong(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static SyncEvent creationEvent(Connection host, long resource) throws Exception {
    return new DemoTables(host)
        .pendingEvents().stream()
            .filter(e -> e.catalogResourceId() == resource)
            .findFirst()
            .orElseThrow();
  }
}
