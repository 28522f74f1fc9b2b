package dev.catalogsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GitLab's weak point: a project update racing the creation of its catalog resource can leave the
 * resource stale forever. Whatever the interleaving, the newest pending event must carry the
 * project's final values.
 */
@ExtendWith(RealStack.class)
class ResourceCreationRaceIT {
  private TestDatabase database;
  private long project;

  @BeforeEach
  void install(TestDatabase fresh) throws SQLException {
    database = fresh;
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("INSERT INTO projects (name) VALUES ('before') RETURNING id")) {
      rs.next();
      project = rs.getLong(1);
    }
  }

  @Test
  void anUpdateDuringResourceCreationWaitsAndEnqueuesItsOwnEvent() throws Exception {
    try (Connection creator = database.connect();
        Connection updater = database.connect()) {
      creator.setAutoCommit(false);
      exec(creator, "INSERT INTO catalog_resources (project_id) VALUES (" + project + ")");

      CompletableFuture<Void> update =
          CompletableFuture.runAsync(
              () ->
                  execUnchecked(
                      updater, "UPDATE projects SET name = 'after' WHERE id = " + project));
      awaitBlocked(updater);
      creator.commit();
      update.get(30, TimeUnit.SECONDS);
    }
    assertThat(newestPendingName()).isEqualTo("after");
  }

  @Test
  void aCreationDuringAnUncommittedUpdateReadsTheCommittedValues() throws Exception {
    try (Connection creator = database.connect();
        Connection updater = database.connect()) {
      updater.setAutoCommit(false);
      exec(updater, "UPDATE projects SET name = 'after' WHERE id = " + project);

      CompletableFuture<Void> create =
          CompletableFuture.runAsync(
              () ->
                  execUnchecked(
                      creator,
                      "INSERT INTO catalog_resources (project_id) VALUES (" + project + ")"));
      awaitBlocked(creator);
      updater.commit();
      create.get(30, TimeUnit.SECONDS);
    }
    assertThat(newestPendingName()).isEqualTo("after");
  }

  private String newestPendingName() throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM catalog_resource_sync_events WHERE status = 1"
                    + " ORDER BY id DESC LIMIT 1")) {
      assertThat(rs.next()).as("a pending event exists").isTrue();
      return rs.getString(1);
    }
  }

  /** Waits until the connection's backend waits on a lock, so the interleaving is the one named. */
  private void awaitBlocked(Connection blocked) throws Exception {
    int pid = backendPid(blocked);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection observer = database.connect();
        Statement s = observer.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                    + pid
                    + " AND wait_event_type = 'Lock'")) {
          rs.next();
          if (rs.getInt(1) == 1) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the second transaction never waited for the first");
  }

  private static int backendPid(Connection c) throws SQLException {
    return c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void execUnchecked(Connection c, String sql) {
    try {
      exec(c, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
