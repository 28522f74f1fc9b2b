package dev.catalogsync.bench.sourcecost;

import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.bench.workload.Seeder;
import dev.catalogsync.bench.workload.UpdateDriver;
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
public final class SourceCost {
  /** The order of the variants in each round: each one twice in each position. */
  public static final int[][] ROUNDS = {
    {0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}, {2, 0, 1}, {1, 0, 2}
  };

  private SourceCost() {}

  public static List<SourceCostResult> run(
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

    String[][] variants = {
      {"no trigger", none}, {"GitLab-shaped trigger", gitlab}, {"catalog-sync trigger", ours}
    };
    for (String[] v : variants) {
      // A short warm-up so that neither JIT nor a cold cache favours whoever runs later.
      UpdateDriver.run(
          server.jdbcUrl(v[1]), keys, Rate.FLAT_OUT, clients, Duration.ofSeconds(1), seed, "warm");
    }
    // Six short slices each, one round of three at a time, every variant twice in every position
    // (a Latin square): WAL growth, checkpoints and autovacuum come and go within seconds, and
    // with long runs whichever variant they hit looked several percent cheaper or dearer.
    long[] updates = new long[variants.length];
    double[] seconds = new double[variants.length];
    ResourceMeter.Usage[] usages = new ResourceMeter.Usage[variants.length];
    List<List<Double>> sliceRates = new ArrayList<>();
    for (int i = 0; i < variants.length; i++) {
      sliceRates.add(new ArrayList<>());
    }
    Duration slice = duration.dividedBy(ROUNDS.length);
    for (int[] round : ROUNDS) {
      for (int i : round) {
        ResourceMeter.Snapshot before = meter.snapshot();
        UpdateDriver.Result r =
            UpdateDriver.run(
                server.jdbcUrl(variants[i][1]), keys, Rate.FLAT_OUT, clients, slice, seed, "src");
        // Let the server reap the clients' backends, so their CPU is counted (see ResourceMeter).
        Thread.sleep(300);
        ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
        updates[i] += r.updates();
        seconds[i] += r.seconds();
        sliceRates.get(i).add(r.updates() / r.seconds());
        usages[i] = usages[i] == null ? usage : ResourceMeter.Usage.combine(usages[i], usage);
      }
    }
    List<SourceCostResult> results = new ArrayList<>();
    for (int i = 0; i < variants.length; i++) {
      double perSecond = updates[i] / seconds[i];
      results.add(
          new SourceCostResult(
              variants[i][0],
              variants[i][1],
              perSecond,
              updates[i],
              seconds[i],
              List.copyOf(sliceRates.get(i)),
              usages[i]));
      progress.line("  %-22s %8.0f updates/s", variants[i][0], perSecond);
    }
    return results;
  }
}
