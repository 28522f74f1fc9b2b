package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
