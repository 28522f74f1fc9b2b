package dev.catalogsync.bench;

import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What each way of capturing changes costs the source: the same K clients, flat out, for the same
 * time, against three databases on the same server that differ only in the trigger on projects.
 * Runs before Kafka and the pipeline start, so nothing else competes for the machine.
 */
final class SourceCost {
  private SourceCost() {}

  static List<SourceCostResult> run(
      PostgresServer server,
      ResourceMeter meter,
      KeySampler keys,
      int projects,
      int clients,
      Duration duration,
      long seed,
      Progress progress)
      throws SQLException, InterruptedException {
    String none = server.createDatabase("bench_src_none");
    String gitlab = server.createDatabase("bench_src_gitlab");
    String ours = server.createDatabase("bench_src_ours");
    SchemaInstaller.install(SchemaInstaller.DEMO, server.jdbcUrl(none), null, null);
    SchemaInstaller.install(SchemaInstaller.DEMO, server.jdbcUrl(gitlab), null, null);
    SchemaInstaller.installDemo(server.jdbcUrl(ours), null, null);
    try (Connection c = Db.connect(server.jdbcUrl(gitlab))) {
      Db.script(c, "gitlab-shaped-queue.sql");
    }
    Seeder.seed(server.jdbcUrl(none), projects, null);
    Seeder.seed(server.jdbcUrl(gitlab), projects, "clear-gitlab-queue.sql");
    Seeder.seed(server.jdbcUrl(ours), projects, "clear-queue.sql");

    List<SourceCostResult> results = new ArrayList<>();
    String[][] variants = {
      {"no trigger", none}, {"GitLab-shaped trigger", gitlab}, {"catalog-sync trigger", ours}
    };
    for (String[] v : variants) {
      String url = server.jdbcUrl(v[1]);
      // A short warm-up so that neither JIT nor a cold cache favours whoever runs last.
      UpdateDriver.run(url, keys, Rate.FLAT_OUT, clients, Duration.ofSeconds(1), seed, "warm");
      ResourceMeter.Snapshot before = meter.snapshot();
      UpdateDriver.Result r =
          UpdateDriver.run(url, keys, Rate.FLAT_OUT, clients, duration, seed, "src");
      // Let the server reap the clients' backends, so their CPU is counted (see ResourceMeter).
      Thread.sleep(300);
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      results.add(new SourceCostResult(v[0], v[1], r.perSecond(), r.updates(), r.seconds(), usage));
      progress.line("  %-22s %8.0f updates/s", v[0], r.perSecond());
    }
    return results;
  }
}
