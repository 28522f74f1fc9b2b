package dev.catalogsync.cli;

import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync install}: applies the sync SQL to an existing database. */
@Command(
    name = "install",
    header = "Install the sync SQL on an existing database.",
    mixinStandardHelpOptions = true,
    description =
        "Installs catalog-sync's queue, triggers, version columns, heartbeat and publication on a database that has projects and catalog_resources. Re-running is a no-op.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync install --jdbc-url jdbc:postgresql://db:5432/gitlab --user gitlab",
      "  ./catalog-sync install --jdbc-url jdbc:postgresql://127.0.0.1:5432/scratch --demo"
    })
final class InstallCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the database.")
  String jdbcUrl;

  @Option(names = "--user", description = "Database user (or in the URL).")
  String user;

  @Option(
      names = "--password",
      defaultValue = "${env:CATALOG_SYNC_DATABASE_PASSWORD}",
      description = "Password; default: $CATALOG_SYNC_DATABASE_PASSWORD.")
  String password;

  @Option(names = "--demo", description = "Also create the demo projects and catalog_resources.")
  boolean demo;

  @Override
  public Integer call() {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "--jdbc-url must start with jdbc:postgresql:, got " + jdbcUrl);
    }
    if (demo) {
      report(SchemaInstaller.install(SchemaInstaller.DEMO, jdbcUrl, user, password));
    }
    report(SchemaInstaller.install(SchemaInstaller.SYNC, jdbcUrl, user, password));
    return 0;
  }

  private static void report(SchemaInstaller.Installed installed) {
    System.out.printf(
        "%s: %d migration(s) applied, schema version %s%n",
        installed.target(), installed.migrationsApplied(), installed.version());
  }
}
