package dev.catalogsync.bench.probe;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.measure.BackendCpu;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.BulkUpdater;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Seeder;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 20's drain through CDC, setting against setting: one stack, one backlog per round and
 * setting (uniform keys, made behind a stopped connector with the flag off, as in the bench), the
 * settings taking turns so that a slower stretch of the machine hits each of them alike. Each drain
 * is judged against PostgreSQL's decoding of its own backlog, as the bench's target is.
 *
 * <p>Run from a built bench: {@code java -cp
 * 'bench/target/catalog-sync-bench.jar:bench/target/lib/*' dev.catalogsync.bench.probe.DrainProbe
 * EVENTS ROUNDS SETTING...}, where a SETTING is {@code name} alone (the shipped defaults) or {@code
 * name:key=value,key=value}; a key under {@code connector.} goes to the connector without that
 * prefix, one under {@code streams.} to the streams app without it, e.g. {@code
 * big-batches:connector.debezium.max.batch.size=8192}.
 */
public final class DrainProbe {
  private static final int PROJECTS = 100_000;
  private static final int WARM_UP_EVENTS = 200_000;
  private static final Duration TIME_BOX = Duration.ofMinutes(3);
  private static final List<String> PARTS =
      List.of("connector", "streams-app", "kafka-broker", "gc", "jit", DrainResult.POSTGRES);

  /** One setting under test: what goes to the connector, what to the streams app. */
  record Setting(String name, Map<String, String> connector, Map<String, String> streams) {
    static Setting parse(String arg) {
      int colon = arg.indexOf(':');
      String name = colon < 0 ? arg : arg.substring(0, colon);
      Map<String, String> connector = new LinkedHashMap<>();
      Map<String, String> streams = new LinkedHashMap<>();
      if (colon >= 0) {
        for (String pair : arg.substring(colon + 1).split(",")) {
          int eq = pair.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("not key=value: " + pair);
          }
          String key = pair.substring(0, eq);
          String value = pair.substring(eq + 1);
          if (key.startsWith("connector.")) {
            connector.put(key.substring("connector.".length()), value);
          } else if (key.startsWith("streams.")) {
            streams.put(key.substring("streams.".length()), value);
          } else {
            throw new IllegalArgumentException("key needs connector. or streams.: " + key);
          }
        }
      }
      return new Setting(name, connector, streams);
    }
  }

  /** One drain of one setting, with its own run's decoding limit. */
  record Round(
      Setting setting, DrainResult drain, DrainResult decoding, Map<String, Double> postgres) {
    double publishedSeconds() {
      return drain.milestones().getOrDefault(CatalogSyncDrain.PUBLISHED, Double.NaN);
    }

    double publishedPerSecond() {
      return drain.backlog() / publishedSeconds();
    }

    double shareOfDecoding() {
      return publishedPerSecond() / decoding.perSecond();
    }
  }

  private DrainProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: DrainProbe EVENTS ROUNDS SETTING... (see the class comment)");
      System.exit(2);
    }
    long events = Long.parseLong(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<Setting> settings = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      settings.add(Setting.parse(args[i]));
    }
    Progress progress = new Progress(System.err);
    Metrics.addRegistry(new SimpleMeterRegistry());
    List<Round> done = new ArrayList<>();
    try (BenchStack stack = BenchStack.startPostgres("catalog-sync-drain-probe")) {
      String url = stack.jdbcUrl();
      SchemaInstaller.installDemo(url, null, null);
      ResourceMeter meter;
      try (Connection c = Db.connect(url)) {
        meter = new ResourceMeter(Path.of(Db.queryString(c, "data-directory.sql")));
      }
      // Marked, not emptied: the first drain counts its events from the highest queue id.
      Seeder.seed(url, PROJECTS, "settle-pending.sql");
      stack.startKafka();
      KeySampler keys = new KeySampler(KeyDistribution.UNIFORM, PROJECTS, 1.0, 42);
      progress.line("warm-up drain of %d events (%s)", WARM_UP_EVENTS, settings.get(0).name());
      drain(stack, meter, keys, settings.get(0), WARM_UP_EVENTS, 1, progress);
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < settings.size(); i++) {
          // Turns alternate in order each round, so no setting always follows the same one.
          Setting s = settings.get((i + round) % settings.size());
          progress.line("round %d: %s", round + 1, s.name());
          Round r = drain(stack, meter, keys, s, events, 100 + round * 10L + i, progress);
          progress.line("  %s", describe(r));
          done.add(r);
        }
      }
    }
    System.out.println(summary(settings, done));
    System.exit(0);
  }

  private static Round drain(
      BenchStack stack,
      ResourceMeter meter,
      KeySampler keys,
      Setting setting,
      long events,
      long seed,
      Progress progress)
      throws Exception {
    String url = stack.jdbcUrl();
    stack.connectorOverrides(setting.connector());
    try (Connection c = Db.connect(url)) {
      long from = stack.startBacklog(c, progress, "the WAL before");
      long startOffsets = stack.syncTopicEnd();
      stack.startStreams(Duration.ofSeconds(60), BenchStack.APPLICATION_ID, setting.streams());
      stack.pauseSync();
      DrainResult decoding;
      long to;
      try (DecodingLimit limit = DecodingLimit.createSlot(url)) {
        BulkUpdater.update(url, keys, events, seed, "probe");
        to = Db.queryLong(c, "max-event-id.sql");
        decoding =
            limit.run(
                meter,
                stack.connectorSettings().string("connector.publication"),
                to - from,
                TIME_BOX,
                progress);
      }
      DrainResult drain;
      Map<String, Double> postgres;
      try (BackendCpu backends = BackendCpu.start(url)) {
        drain =
            CatalogSyncDrain.run(
                setting.name(), stack, meter, from, to, startOffsets, TIME_BOX, progress);
        postgres = backends.seconds();
      }
      return new Round(setting, drain, decoding, postgres);
    }
  }

  private static String describe(Round r) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "published %.1f s (%.0f/s, %.2fx decoding %.0f/s), nothing pending %.1f s,"
                    + " converged %.1f s; us/event",
                r.publishedSeconds(),
                r.publishedPerSecond(),
                r.shareOfDecoding(),
                r.decoding().perSecond(),
                r.drain().seconds(),
                r.drain().convergedSeconds()));
    for (String part : PARTS) {
      b.append(String.format(Locale.ROOT, " %s %.1f", part, r.drain().microsPerEventIn(part)));
    }
    b.append("; PostgreSQL us/event:");
    r.postgres()
        .forEach(
            (name, seconds) -> {
              double micros = seconds * 1e6 / r.drain().processed();
              if (micros >= 0.1) {
                b.append(String.format(Locale.ROOT, " %s %.1f", name, micros));
              }
            });
    return b.toString();
  }

  private static String summary(List<Setting> settings, List<Round> rounds) {
    StringBuilder b =
        new StringBuilder(
            "setting | rounds | share of decoding (each) | published/s (each) | converged s (each)\n");
    for (Setting s : settings) {
      List<Round> mine = rounds.stream().filter(r -> r.setting().equals(s)).toList();
      b.append(s.name()).append(" | ").append(mine.size()).append(" |");
      for (Round r : mine) {
        b.append(String.format(Locale.ROOT, " %.3f", r.shareOfDecoding()));
      }
      b.append(" |");
      for (Round r : mine) {
        b.append(String.format(Locale.ROOT, " %.0f", r.publishedPerSecond()));
      }
      b.append(" |");
      for (Round r : mine) {
        b.append(String.format(Locale.ROOT, " %.1f", r.drain().convergedSeconds()));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
