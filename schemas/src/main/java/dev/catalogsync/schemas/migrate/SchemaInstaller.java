package dev.catalogsync.schemas.migrate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Applies catalog-sync's SQL with Flyway. Each set of migrations keeps its own history table, so
 * they never collide with the host application's migrations, and re-running is a no-op.
 */
public final class SchemaInstaller {

  /** What one installation did. */
  public record Installed(String target, int migrationsApplied, String version) {}

  /** The sync objects: queue, triggers, version columns, heartbeat, publication. */
  public static final MigrationSet SYNC =
      new MigrationSet("classpath:db/catalog-sync", "catalog_sync_schema_history");

  /** The demo host tables (projects, catalog_resources), for the dev mode and tests only. */
  public static final MigrationSet DEMO =
      new MigrationSet("classpath:db/demo", "catalog_sync_demo_schema_history");

  /** Where a set of migrations lives and which history table records it. */
  public record MigrationSet(String location, String historyTable) {}

  private SchemaInstaller() {}

  /** Installs the demo tables and then the sync objects on them. */
  public static void installDemo(String jdbcUrl, String user, String password) {
    install(DEMO, jdbcUrl, user, password);
    install(SYNC, jdbcUrl, user, password);
  }

  public static Installed install(MigrationSet set, String jdbcUrl, String user, String password) {
    return install(set, jdbcUrl, user, password, "latest");
  }

  /**
   * Installs up to a version ("latest" for all): an older installation to upgrade, as tests of a
   * migration on a live database need.
   */
  public static Installed install(
      MigrationSet set, String jdbcUrl, String user, String password, String target) {
    FluentConfiguration configuration =
        Flyway.configure()
            .dataSource(jdbcUrl, user, password)
            .locations(set.location())
            .table(set.historyTable())
            // The host database is not empty; our history starts at our first migration.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .loggers("slf4j")
            .loggers("slf4j")
            .target(target);
    // V6 builds an index CONCURRENTLY, which waits for every open transaction: Flyway's default
    // lock is held in one, so it would wait for itself. A session-level lock instead.
    configuration
        .getPluginRegister()
        .getExact(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(false);
    Flyway flyway = configuration.load();
    MigrateResult result = flyway.migrate();
    return new Installed(set.location(), result.migrationsExecuted, result.targetSchemaVersion);
  }
}
