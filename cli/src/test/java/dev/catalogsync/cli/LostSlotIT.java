package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL invalidates a slot whose connector was down while more WAL than max_slot_wal_keep_size
 * was written: the connector replaces it, and the reconciler covers the gap.
 */
@ExtendWith(RealStack.class)
class LostSlotIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void aLostSlotIsRecreatedAndWhatItLostIsReconciled(
      TestDatabase database, KafkaBroker kafka, @TempDir Path stateDir) throws Exception {
    Map<String, String> values =
        TestPipeline.settings(database, kafka.bootstrapServers(), stateDir);
    values.put("reconcile.interval.ms", "1000");
    values.put("reconcile.grace.ms", "1000");
    try (DemoTables demo = DemoTables.install(database);
        StreamsService streams = TestPipeline.startStreams(values)) {
      demo.projectsWithResources(20, "slot-");
      try (ConnectorService connector = TestPipeline.startConnector(values)) {
        await().atMost(PATIENCE).until(() -> connector.health().ready());
      }
      String slot = values.get("connector.slot");
      try {
        limitSlotWal(demo.connection(), "16MB");
        demo.exec("UPDATE projects SET name = name || ' while the connector was down'");
        demo.exec("CREATE TABLE filler (payload text)");
        demo.exec(
            "INSERT INTO filler SELECT repeat('x', 1000) FROM generate_series(1, 60000);"
                + " SELECT pg_switch_wal(); CHECKPOINT;");
        assertThat(walStatus(demo.connection(), slot)).isEqualTo("lost");

        try (ConnectorService connector = TestPipeline.startConnector(values)) {
          await().atMost(PATIENCE).until(() -> connector.health().ready());
          assertThat(walStatus(demo.connection(), slot)).isIn("reserved", "extended");

          await().atMost(PATIENCE).until(() -> demo.pendingCount() == 0);
          assertThat(demo.resources()).isEqualTo(demo.expected());
        }
      } finally {
        limitSlotWal(demo.connection(), null);
      }
    }
  }

  /** The server-wide limit; null restores the default (no limit). Other tests' slots are idle. */
  private static void limitSlotWal(Connection db, String size) throws Exception {
    try (Statement s = db.createStatement()) {
      s.execute(
          size == null
              ? "ALTER SYSTEM RESET max_slot_wal_keep_size"
              : "ALTER SYSTEM SET max_slot_wal_keep_size = '" + size + "'");
      s.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(200); // the reload reaches the checkpointer asynchronously
  }

  private static String walStatus(Connection db, String slot) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
