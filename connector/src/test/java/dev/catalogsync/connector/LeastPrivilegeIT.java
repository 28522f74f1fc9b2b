package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector run as the user a DBA gives a CDC tool: REPLICATION, and only the grants
 * connector/README.md lists, on a database where PUBLIC holds no rights on it or its schema.
 */
@ExtendWith(RealStack.class)
class LeastPrivilegeIT {
  private static final Logger LOG = LoggerFactory.getLogger(LeastPrivilegeIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String PASSWORD = "cdc-secret";

  @Test
  void aUserWithOnlyTheDocumentedGrantsStreamsAndMovesTheSlot(
      TestDatabase database, PostgresServer server, KafkaBroker kafka) throws Exception {
    // Roles belong to the server, so one per test database.
    String role = "cdc_" + database.name();
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    // The URL without ?user=postgres: the JDBC driver lets URL parameters win over the user given.
    values.put(
        "database.url", "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database.name());
    values.put("database.user", role);
    values.put("database.password", PASSWORD);
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));

    try (DemoTables demo = DemoTables.install(database)) {
      Connection admin = demo.connection();
      logAuthentication(admin);
      createLeastPrivilegeRole(admin, role, database.name());
      try (ConnectorService connector = ConnectorService.start(config);
          TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
        assertThat(streamingUser(admin, config.slot())).isEqualTo(role);

        long project = demo.project("alpha", "first", 0);
        long resource = demo.resource(project);
        demo.exec("UPDATE projects SET name = 'beta' WHERE id = " + project);
        List<TopicReader.Line> lines =
            await("the update on the sync topic")
                .atMost(PATIENCE)
                .until(topic::poll, l -> l.size() == 2);
        JsonNode update = Json.mapper().readTree(lines.get(1).value());
        assertThat(lines.get(1).key()).isEqualTo(Long.toString(resource));
        assertThat(update.get("name").asText()).isEqualTo("beta");

        demo.exec("CREATE TABLE unrelated (id bigserial PRIMARY KEY, payload text)");
        demo.exec(
            "INSERT INTO unrelated (payload) SELECT repeat('x', 100) FROM generate_series(1, 5000)");
        String written = Slots.currentWalLsn(admin);
        await("slot confirmed past WAL written to an unrelated table")
            .atMost(PATIENCE)
            .until(() -> Slots.confirmedPast(admin, config.slot(), written));
        assertThat(connector.health().ready()).as(connector.health().detail()).isTrue();
        assertThat(topic.poll()).hasSize(2); // heartbeats are acknowledged, never published
      } finally {
        // The walsender ends shortly after the engine; only an inactive slot can be dropped.
        SlotProbe probe = new SlotProbe(config);
        await().atMost(PATIENCE).until(() -> !probe.streaming());
        Slots.drop(admin, config.slot());
        new DemoTables(admin).ddl("DROP OWNED BY %I", role);
        new DemoTables(admin).ddl("DROP ROLE %I", role);
      }
    }
  }

  /**
   * The role as connector/README.md tells a DBA to create it. PUBLIC's default rights on the
   * database and on schema public are revoked first, so nothing but these grants lets it work.
   */
  private static void createLeastPrivilegeRole(Connection admin, String role, String dbName)
      throws SQLException {
    new DemoTables(admin).ddl("REVOKE ALL ON DATABASE %I FROM PUBLIC", dbName);
    new DemoTables(admin).ddl("REVOKE ALL ON SCHEMA public FROM PUBLIC");
    new DemoTables(admin).ddl("CREATE ROLE %I LOGIN REPLICATION PASSWORD %L", role, PASSWORD);
    new DemoTables(admin).ddl("GRANT CONNECT ON DATABASE %I TO %I", dbName, role);
    new DemoTables(admin).ddl("GRANT USAGE ON SCHEMA public TO %I", role);
    // Unused with snapshot.mode=no_data (passes without it); kept: Debezium's snapshots read them.
    new DemoTables(admin)
        .ddl("GRANT SELECT ON catalog_resource_sync_events, catalog_sync_heartbeat TO %I", role);
    new DemoTables(admin).ddl("GRANT EXECUTE ON FUNCTION catalog_sync_heartbeat() TO %I", role);
  }

  /** The user of the walsender holding the slot: proof the stream runs as the role. */
  private static String streamingUser(Connection db, String slot) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT r.usename FROM pg_stat_replication r"
                + " JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = ?")) {
      ps.setString(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The embedded server trusts local TCP connections, so the password is set but not checked. */
  private static void logAuthentication(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT type, database, user_name, address, auth_method FROM pg_hba_file_rules")) {
      while (rs.next()) {
        LOG.info(
            "pg_hba: {} {} {} {} {}",
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5));
      }
    }
  }
}
