package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealStack.class)
class BackfillIT {

  @Test
  void createsOnePendingEventPerResourceWithCurrentValuesInBatches(TestDatabase database)
      throws Exception {
    List<Long> resources = seed(database, 5);

    int code =
        CatalogSyncCli.commandLine()
            .execute("backfill", "--jdbc-url", database.jdbcUrl(), "--batch-size", "2");

    assertThat(code).isZero();
    assertThat(pendingResources(database)).containsExactlyElementsOf(resources);
    assertThat(pendingWithStaleValues(database)).isZero();
  }

  @Test
  void selectedResourcesOnly(TestDatabase database) throws Exception {
    List<Long> resources = seed(database, 4);
    String ids = resources.get(1) + "," + resources.get(3);

    int code =
        CatalogSyncCli.commandLine()
            .execute("backfill", "--jdbc-url", database.jdbcUrl(), "--resource-ids", ids);

    assertThat(code).isZero();
    assertThat(pendingResources(database)).containsExactly(resources.get(1), resources.get(3));
  }

  @Test
  void aProjectUpdateInFlightDuringTheBackfillIsNotUndoneByItsOlderValues(TestDatabase database)
      throws Exception {
    long resource = seed(database, 1).get(0);
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Connection update = database.connect()) {
      // The update's trigger takes its queue id now, but the update commits only after the
      // backfill has read the project: without a lock the backfill's event, with a higher id,
      // carries the values from before the update.
      update.setAutoCommit(false);
      try (Statement s = update.createStatement()) {
        s.execute("UPDATE projects SET visibility_level = 20, name = 'made public'");
      }
      Future<Integer> backfill =
          background.submit(
              () ->
                  CatalogSyncCli.commandLine()
                      .execute("backfill", "--jdbc-url", database.jdbcUrl()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> backfill.isDone() || database.hasSessionWaitingForALock());
      update.commit();
      assertThat(backfill.get(30, TimeUnit.SECONDS)).isZero();
    } finally {
      background.shutdownNow();
    }

    // The guard lets the event with the highest id win: it must carry the project's values.
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT e.name, e.visibility_level, p.name, p.visibility_level"
                    + " FROM catalog_resource_sync_events e JOIN projects p ON p.id = e.project_id"
                    + " WHERE e.catalog_resource_id = "
                    + resource
                    + " ORDER BY e.id DESC LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(rs.getString(3)).isEqualTo("made public");
      assertThat(rs.getInt(2)).isEqualTo(rs.getInt(4)).isEqualTo(20);
    }
  }

  private static List<Long> seed(TestDatabase database, int count) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO projects (name, description) SELECT 'p' || n, 'd' FROM generate_series(1, "
              + count
              + ") n");
      s.execute("INSERT INTO catalog_resources (project_id) SELECT id FROM projects");
      s.execute("UPDATE projects SET name = name || '-renamed'");
      s.execute("UPDATE catalog_resource_sync_events SET status = 2"); // as if all were applied
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT id FROM catalog_resources ORDER BY id")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static List<Long> pendingResources(TestDatabase database) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT catalog_resource_id FROM catalog_resource_sync_events WHERE status = 1"
                    + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long pendingWithStaleValues(TestDatabase database) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM catalog_resource_sync_events e JOIN projects p"
                    + " ON p.id = e.project_id WHERE e.status = 1 AND e.name IS DISTINCT FROM p.name")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
