package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology driven by TopologyTestDriver, writing through the real JdbcSyncWriter to a real
 * PostgreSQL: what the in-memory catalog cannot stand in for. A real outage (connections refused
 * and terminated, then a reconnect) and the reconciler, whose statements read and lock the queue
 * and projects themselves.
 */
@ExtendWith(RealStack.class)
class SyncTopologyIT {
  private static final Duration TICK = DrivenTopology.TICK;

  @TempDir Path stateDir;
  private TestDatabase database;
  private Connection db;
  private DemoTables data;
  private StreamsAppConfig config;
  private DrivenTopology app;
  private CountingWriter writer;

  @BeforeEach
  void setUp(TestDatabase fresh) throws SQLException {
    database = fresh;
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    db = database.connect();
    data = new DemoTables(db);
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (app != null) {
      app.close();
    }
    db.close();
  }

  private void startDriver(Map<String, String> overrides) {
    config = DrivenTopology.config(database.jdbcUrl(), overrides);
    app =
        new DrivenTopology(config, new JdbcSyncWriter(config.database()), stateDir, Instant.now());
    writer = app.writer;
  }

  private void tick() {
    app.advanceWallClockTime(TICK);
  }

  @Test
  void aRealDatabaseOutageIsSurvivedAndTheWriterReconnects(PostgresServer server)
      throws SQLException {
    long resource = data.projectWithResource("up", null, 0);
    startDriver(Map.of("apply.retry-backoff.ms", "100"));
    app.publish(data.pendingEvents());
    tick(); // the writer now holds an open connection
    assertThat(data.pendingCount()).isZero();
    long project = data.projectOf(resource);
    data.updateProject(project, "during outage", "x", 20);
    List<SyncEvent> duringOutage = data.pendingEvents();
    db.close();

    try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"))) {
      setConnectable(admin, false);
      app.publish(duringOutage);
      for (int i = 0; i < 10; i++) {
        tick(); // the write fails; the stream thread goes on
      }
      assertThat(writer.results).hasSize(1);
      setConnectable(admin, true);
    }
    app.advanceWallClockTime(Duration.ofSeconds(5));

    db = database.connect();
    data = new DemoTables(db);
    assertThat(data.resourceColumns(resource))
        .isEqualTo(new DemoTables.Columns("during outage", "x", 20));
    assertThat(data.pendingCount()).isZero();
  }

  /** Refuses new connections to the test database and ends the open ones: an outage. */
  private void setConnectable(Connection admin, boolean allowed) throws SQLException {
    try (Statement s = admin.createStatement()) {
      // DDL takes no bind parameters; the name is RealStack's generated [a-z0-9_] name.
      s.execute("ALTER DATABASE " + database.name() + " WITH ALLOW_CONNECTIONS " + allowed);
    }
    if (!allowed) {
      try (PreparedStatement ps =
          admin.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
        ps.setString(1, database.name());
        ps.executeQuery().close();
      }
    }
  }

  @Test
  void theReconcilerAppliesPendingRowsThatNeverReachedKafka() throws SQLException {
    for (int i = 0; i < 7; i++) {
      long resource = data.projectWithResource("p" + i, "d", 0);
      data.updateProject(data.projectOf(resource), "p" + i, "bypassed", 20);
    }
    long orphan = data.projectWithResource("orphan", null, 0);
    data.deleteResource(orphan);
    startDriver(Map.of("reconcile.interval.ms", "1000", "reconcile.batch-size", "3"));

    app.advanceWallClockTime(Duration.ofMillis(999));
    assertThat(data.pendingCount()).isEqualTo(15);
    app.advanceWallClockTime(Duration.ofMillis(1));

    assertThat(data.pendingCount()).isZero();
    assertThat(data.processedCount()).isEqualTo(15);
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(writer.results).isEmpty(); // the stream wrote nothing: it saw no event
  }

  @Test
  void theReconcilerWaitsForTheFlag() throws SQLException {
    data.projectWithResource("p", "d", 10);
    startDriver(Map.of("reconcile.interval.ms", "1000"));
    app.setFlag(false);
    app.advanceWallClockTime(Duration.ofMillis(3000));
    assertThat(data.pendingCount()).isEqualTo(1);

    app.setFlag(true);
    app.advanceWallClockTime(Duration.ofMillis(1000));
    assertThat(data.pendingCount()).isZero();
    assertThat(data.resources()).isEqualTo(data.expected());
  }
}
