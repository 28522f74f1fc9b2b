package dev.catalogsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The heartbeat runs with its owner's rights, so the connector's user needs only EXECUTE on it; and
 * it stays safe to do so: not callable without the grant, and blind to names a caller can create.
 */
@ExtendWith(RealStack.class)
class HeartbeatFunctionIT {
  private Connection db;
  private String role;

  private void install(TestDatabase database, String jdbcUrl) throws SQLException {
    SchemaInstaller.installDemo(jdbcUrl, null, null);
    db = database.connect();
    // Roles belong to the server, so one per test database.
    role = "beat_" + database.name();
    new DemoTables(db).ddl("CREATE ROLE %I NOLOGIN", role);
  }

  @AfterEach
  void dropRole() throws SQLException {
    if (db == null) {
      return;
    }
    try {
      asAdmin();
      new DemoTables(db).ddl("DROP OWNED BY %I", role);
      new DemoTables(db).ddl("DROP ROLE %I", role);
    } finally {
      db.close();
    }
  }

  @Test
  void aUserGrantedOnlyExecuteKeepsOneRowItCouldNotWriteItself(TestDatabase database)
      throws SQLException {
    install(database, database.jdbcUrl());
    new DemoTables(db).ddl("GRANT EXECUTE ON FUNCTION catalog_sync_heartbeat() TO %I", role);

    as(role);
    exec("SELECT catalog_sync_heartbeat()");
    exec("SELECT catalog_sync_heartbeat()");
    assertThatThrownBy(() -> exec("DELETE FROM catalog_sync_heartbeat"))
        .hasMessageContaining("permission denied for table catalog_sync_heartbeat");

    asAdmin();
    assertThat(count("catalog_sync_heartbeat")).isEqualTo(1);
  }

  @Test
  void withoutTheGrantNobodyButItsOwnerCallsIt(TestDatabase database) throws SQLException {
    install(database, database.jdbcUrl());

    as(role);
    assertThatThrownBy(() -> exec("SELECT catalog_sync_heartbeat()"))
        .hasMessageContaining("permission denied for function catalog_sync_heartbeat");
  }

  @Test
  void aCallersTemporaryTableDoesNotStandInForTheHeartbeatTable(TestDatabase database)
      throws SQLException {
    install(database, database.jdbcUrl());
    new DemoTables(db).ddl("GRANT EXECUTE ON FUNCTION catalog_sync_heartbeat() TO %I", role);

    as(role);
    exec("CREATE TEMPORARY TABLE catalog_sync_heartbeat (id smallint, beat_at timestamptz)");
    exec("SELECT catalog_sync_heartbeat()");
    assertThat(count("catalog_sync_heartbeat")).isZero(); // the caller's own, untouched

    asAdmin();
    assertThat(count("public.catalog_sync_heartbeat")).isEqualTo(1);
  }

  @Test
  void installedInAnotherSchemaItFindsItsOwnTable(TestDatabase database) throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA catalog_sync");
    }
    install(database, database.jdbcUrl() + "&currentSchema=catalog_sync");
    new DemoTables(db).ddl("GRANT USAGE ON SCHEMA catalog_sync TO %I", role);
    new DemoTables(db)
        .ddl("GRANT EXECUTE ON FUNCTION catalog_sync.catalog_sync_heartbeat() TO %I", role);

    as(role);
    exec("SELECT catalog_sync.catalog_sync_heartbeat()");

    asAdmin();
    assertThat(count("catalog_sync.catalog_sync_heartbeat")).isEqualTo(1);
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT prosecdef, proconfig::text FROM pg_proc"
                    + " WHERE oid = 'catalog_sync.catalog_sync_heartbeat()'::regprocedure")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.getString(2)).isEqualTo("{\"search_path=pg_catalog, catalog_sync, pg_temp\"}");
    }
  }

  /** SET ROLE, with the name bound: what follows runs with that role's rights only. */
  private void as(String name) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT set_config('role', ?, false)")) {
      ps.setString(1, name);
      ps.executeQuery().close();
    }
  }

  private void asAdmin() throws SQLException {
    exec("RESET ROLE");
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String table) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
