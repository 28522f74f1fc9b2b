package dev.catalogsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The trigger and queue rules of GitLab's checklist, against a real PostgreSQL. */
@ExtendWith(RealStack.class)
class SyncTriggerIT {
  private TestDatabase database;
  private Connection db;
  private DemoTables demo;

  record Event(long resourceId, long projectId, String name, String description, Integer level) {}

  @BeforeEach
  void install(TestDatabase fresh) throws SQLException {
    database = fresh;
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    db = database.connect();
    demo = new DemoTables(db);
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void eachChangedColumnAddsExactlyOnePendingEvent() throws SQLException {
    long project = demo.project("alpha", "first", 0);
    long resource = demo.resource(project);
    clearQueue();

    exec("UPDATE projects SET name = 'beta' WHERE id = " + project);
    assertThat(pending()).containsExactly(new Event(resource, project, "beta", "first", 0));
    clearQueue();

    exec("UPDATE projects SET description = 'second' WHERE id = " + project);
    assertThat(pending()).containsExactly(new Event(resource, project, "beta", "second", 0));
    clearQueue();

    exec("UPDATE projects SET visibility_level = 20 WHERE id = " + project);
    assertThat(pending()).containsExactly(new Event(resource, project, "beta", "second", 20));
  }

  @Test
  void aProjectWithoutResourceAddsNone() throws SQLException {
    long project = demo.project("lonely", null, 0);
    exec("UPDATE projects SET name = 'still lonely', visibility_level = 10 WHERE id = " + project);
    assertThat(pending()).isEmpty();
  }

  @Test
  void noOpUpdatesAndOtherColumnsAddNone() throws SQLException {
    long project = demo.project("alpha", "first", 0);
    demo.resource(project);
    clearQueue();

    exec("UPDATE projects SET name = 'alpha', description = 'first' WHERE id = " + project);
    exec("UPDATE projects SET path = 'elsewhere', updated_at = now() WHERE id = " + project);
    assertThat(pending()).isEmpty();
  }

  @Test
  void nullTransitionsCountBothWays() throws SQLException {
    long project = demo.project("alpha", null, 0);
    long resource = demo.resource(project);
    clearQueue();

    exec("UPDATE projects SET description = 'now set' WHERE id = " + project);
    exec("UPDATE projects SET description = NULL WHERE id = " + project);
    exec("UPDATE projects SET description = NULL WHERE id = " + project); // NULL -> NULL: no event
    assertThat(pending())
        .containsExactly(
            new Event(resource, project, "alpha", "now set", 0),
            new Event(resource, project, "alpha", null, 0));
  }

  @Test
  void aMultiRowUpdateAddsOneEventPerChangedRowWithTheNewValues() throws SQLException {
    List<Event> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long project = demo.project("p" + i, "d", i == 0 ? 20 : 0);
      long resource = demo.resource(project);
      if (i != 0) { // project 0 is already public: the update changes nothing there
        expected.add(new Event(resource, project, "p" + i, "d", 20));
      }
    }
    demo.project("no resource", "d", 0);
    clearQueue();

    exec("UPDATE projects SET visibility_level = 20");
    assertThat(pending()).containsExactlyElementsOf(expected);
  }

  @Test
  void aCreatedResourceGetsAnEventWithItsProjectsCurrentValues() throws SQLException {
    long project = demo.project("fresh", "new", 10);
    long resource = demo.resource(project);
    assertThat(pending()).containsExactly(new Event(resource, project, "fresh", "new", 10));
  }

  @Test
  void eventsArePendingAndCarryTimestampsAndPartition() throws SQLException {
    demo.resource(demo.project("alpha", "first", 0));
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT status, partition_id, created_at IS NOT NULL, updated_at IS NOT NULL"
                    + " FROM catalog_resource_sync_events")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getLong(2)).isEqualTo(1);
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.getBoolean(4)).isTrue();
    }
  }

  @Test
  void theQueueCarriesNoCheckAndNoForeignKeyThatEveryEnqueueWouldPayFor() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_constraint"
                    + " WHERE conrelid = 'catalog_resource_sync_events'::regclass"
                    + " AND contype IN ('c', 'f')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void migrationsRerunAsANoOp() throws SQLException {
    var again = SchemaInstaller.install(SchemaInstaller.SYNC, database.jdbcUrl(), null, null);
    assertThat(again.migrationsApplied()).isZero();
    var demoAgain = SchemaInstaller.install(SchemaInstaller.DEMO, database.jdbcUrl(), null, null);
    assertThat(demoAgain.migrationsApplied()).isZero();
  }

  @Test
  void theSyncObjectsInstallOnAnExistingHostDatabase(TestDatabase host) throws SQLException {
    // A host that has its own tables and its own Flyway history already.
    try (Connection c = host.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY)");
    }
    SchemaInstaller.install(SchemaInstaller.DEMO, host.jdbcUrl(), null, null);
    var installed = SchemaInstaller.install(SchemaInstaller.SYNC, host.jdbcUrl(), null, null);
    assertThat(installed.migrationsApplied()).isPositive();
    try (Connection c = host.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pubinsert, pubupdate, pubdelete FROM pg_publication"
                    + " WHERE pubname = 'catalog_sync_publication'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.getBoolean(2)).isFalse();
      assertThat(rs.getBoolean(3)).isFalse();
    }
  }

  @Test
  void theHeartbeatKeepsOneRow() throws SQLException {
    exec("SELECT catalog_sync_heartbeat()");
    exec("SELECT catalog_sync_heartbeat()");
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog_sync_heartbeat")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  private List<Event> pending() throws SQLException {
    List<Event> events = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT catalog_resource_id, project_id, name, description, visibility_level"
                    + " FROM catalog_resource_sync_events WHERE status = 1 ORDER BY id")) {
      while (rs.next()) {
        events.add(
            new Event(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                (Integer) rs.getObject(5)));
      }
    }
    return events;
  }

  private void clearQueue() throws SQLException {
    exec("UPDATE catalog_resource_sync_events SET status = 2");
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }
}
