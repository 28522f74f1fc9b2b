package dev.catalogsync.bench;

import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DatabaseLimit;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.GitLabDrain;
import dev.catalogsync.bench.contenders.GitLabWorker;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessPhase;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.Autogroup;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.measure.TopicOffsets;
import dev.catalogsync.bench.report.RunReport;
import dev.catalogsync.bench.report.TargetResult;
import dev.catalogsync.bench.report.Targets;
import dev.catalogsync.bench.retention.RetentionPhases;
import dev.catalogsync.bench.retention.RetentionResult;
import dev.catalogsync.bench.retention.RetentionTargets;
import dev.catalogsync.bench.retention.VerifyCounter;
import dev.catalogsync.bench.sourcecost.SourceCost;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.BulkUpdater;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.bench.workload.Seeder;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run, phase by phase: source cost, freshness at each rate, coalescing on Zipf keys,
 * then one backlog worked off by catalog-sync, the per-event sink, the GitLab-style worker and the
 * database's limit, and decoded by PostgreSQL alone.
 */
final class BenchRun {
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private final BenchOptions options;
  private final Progress progress;
  private final String command;
  // Read once: how the kernel shares the CPU between PostgreSQL and this JVM decides flat out.
  private final Autogroup autogroup = Autogroup.read(Autogroup.SYSCTL);

  BenchRun(BenchOptions options, Progress progress, String command) {
    this.options = options;
    this.progress = progress;
    this.command = command;
  }

  RunReport run() throws Exception {
    long started = System.nanoTime();
    // The streams app counts in Micrometer's global registry, which counts nothing until a
    // registry is added: the drains read how many events its catch-up processed.
    Metrics.addRegistry(new SimpleMeterRegistry());
    try (BenchStack stack = BenchStack.startPostgres("catalog-sync-bench")) {
      return run(stack, started);
    }
  }

  private RunReport run(BenchStack stack, long started) throws Exception {
    VerifyCounter.install();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("started", Instant.now().toString());
    environment.put("commit", SourceCommit.describe());
    environment.put("load average at start (1, 5, 15 min)", loadAverage());
    String url = stack.jdbcUrl();
    SchemaInstaller.installDemo(url, null, null);
    ResourceMeter meter;
    try (Connection c = Db.connect(url)) {
      environment.put("PostgreSQL", Db.queryString(c, "server-version.sql") + " (embedded)");
      meter = new ResourceMeter(Path.of(Db.queryString(c, "data-directory.sql")));
    }
    environment(environment);
    KeySampler keys =
        new KeySampler(options.keys(), options.projects(), options.zipfExponent(), options.seed());
    KeySampler zipf =
        options.keys() == KeyDistribution.ZIPF
            ? keys
            : new KeySampler(
                KeyDistribution.ZIPF, options.projects(), options.zipfExponent(), options.seed());

    progress.line("cost on the source database (%d clients, flat out)", options.clients());
    List<SourceCostResult> sourceCost =
        SourceCost.run(
            stack.postgres(),
            meter,
            keys,
            options.projects(),
            options.clients(),
            options.duration(),
            options.seed(),
            progress);

    progress.line(
        "seeding %d projects and starting Kafka, connector, streams app", options.projects());
    Seeder.seed(url, options.projects(), "clear-queue.sql");
    try (Connection c = Db.connect(url)) {
      Db.script(c, "apply-log.sql");
    }
    GitLabWorker.install(url);
    stack.startKafka();
    stack.startConnector();
    stack.startStreams(Duration.ofSeconds(60));
    environment.put("Kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());

    progress.line("freshness (%d clients, %s each)", options.clients(), options.duration());
    // Not reported: JIT, connections and first fetches warm up before anything is measured.
    FreshnessPhase.run(
        stack,
        meter,
        keys,
        new Rate(200),
        options.clients(),
        WARM_UP,
        options.catchUpTimeout(),
        options.seed(),
        new Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    List<FreshnessResult> freshness = new ArrayList<>();
    for (Rate rate : options.rates()) {
      freshness.add(
          FreshnessPhase.run(
              stack,
              meter,
              keys,
              rate,
              options.clients(),
              options.duration(),
              options.catchUpTimeout(),
              options.seed(),
              progress));
    }
    if (options.keys() != KeyDistribution.ZIPF) {
      progress.line("coalescing on Zipf keys (s = %.2f), flat out", options.zipfExponent());
      freshness.add(
          FreshnessPhase.run(
              stack,
              meter,
              zipf,
              Rate.FLAT_OUT,
              options.clients(),
              options.duration(),
              options.catchUpTimeout(),
              options.seed() + 1,
              progress));
    }

    RetentionResult retention =
        RetentionPhases.run(
            stack,
            meter,
            keys,
            options.clients(),
            options.duration(),
            options.catchUpTimeout(),
            options.quick(),
            options.seed(),
            progress);

    progress.line("backlog of %d events behind a stopped connector", options.backlog());
    List<DrainResult> drains = new ArrayList<>();
    BulkUpdater.Result backlog;
    try (Connection c = Db.connect(url)) {
      Db.script(c, "apply-log-disable.sql");
      stack.moveSlotPast(c, progress, "the freshness phases' WAL");
      stack.pauseSync();
      long from = Db.queryLong(c, "max-event-id.sql");
      Map<TopicPartition, Long> startOffsets;
      try (TopicOffsets offsets = new TopicOffsets(stack.bootstrapServers(), stack.syncTopic())) {
        startOffsets = offsets.end();
      }
      long to;
      DrainResult decoding;
      // A slot of its own, made before the backlog, sees the same WAL as the connector's.
      try (DecodingLimit decodingLimit = DecodingLimit.createSlot(url)) {
        backlog = BulkUpdater.update(url, keys, options.backlog(), options.seed() + 2, "backlog");
        to = Db.queryLong(c, "max-event-id.sql");
        progress.line(
            "  %d events in %.1f s (%d statements)",
            to - from, backlog.seconds(), backlog.statements());

        progress.line("backlog drain (time box %d s each)", options.timeBox().toSeconds());
        decoding =
            decodingLimit.run(
                meter,
                stack.connectorSettings().string("connector.publication"),
                to - from,
                options.timeBox(),
                progress);
      }
      stack.prepareContender(from, to);
      drains.add(
          CatalogSyncDrain.run(
              CatalogSyncDrain.NAME,
              stack,
              meter,
              from,
              to,
              TopicOffsets.sum(startOffsets),
              options.timeBox(),
              progress));

      // The Kafka-based drains can only work off what CDC published; if catalog-sync's own run
      // was cut by the time box, that is the first part of the backlog (ids in commit order).
      long inTopic;
      try (TopicOffsets offsets = new TopicOffsets(stack.bootstrapServers(), stack.syncTopic())) {
        inTopic =
            Math.min(to, from + TopicOffsets.sum(offsets.end()) - TopicOffsets.sum(startOffsets));
      }
      if (inTopic < to) {
        progress.line(
            "  (only %d of %d backlog events reached Kafka; the Kafka-based drains"
                + " work off those)",
            inTopic - from, to - from);
      }

      stack.prepareContender(from, to);
      drains.add(
          StreamsOnlyDrain.run(
              stack, meter, startOffsets, from, inTopic, options.timeBox(), progress));

      stack.prepareContender(from, to);
      drains.add(
          PerEventSink.run(
              url,
              stack.bootstrapServers(),
              stack.syncTopic(),
              startOffsets,
              meter,
              from,
              inTopic,
              options.timeBox(),
              progress));

      stack.prepareContender(from, to);
      drains.add(GitLabDrain.run(url, meter, from, to, options.timeBox(), progress));

      stack.prepareContender(from, to);
      drains.add(
          DatabaseLimit.run(
              url, meter, keys, to - from, options.timeBox(), options.seed() + 3, progress));
      drains.add(decoding);

      if (options.keys() != KeyDistribution.ZIPF) {
        // The database limit leaves the backlog pending again; it is not the next drain's work.
        Db.update(c, "settle-pending.sql");
        // Coalescing needs repeats: a Zipf-skewed backlog through the whole pipeline.
        drains.add(zipfBacklogDrain(stack, meter, zipf, c, url));
      }
    }
    environment.put("load average at end (1, 5, 15 min)", loadAverage());
    List<TargetResult> targets =
        new ArrayList<>(Targets.evaluate(options.keys(), freshness, drains, autogroup));
    targets.addAll(RetentionTargets.evaluate(retention, options.keys(), freshness));
    return new RunReport(
        command,
        environment,
        options,
        sourceCost,
        freshness,
        backlog,
        drains,
        targets,
        (System.nanoTime() - started) / 1e9,
        retention);
  }

  private DrainResult zipfBacklogDrain(
      BenchStack stack, ResourceMeter meter, KeySampler zipf, Connection c, String url)
      throws SQLException, InterruptedException, ExecutionException {
    progress.line("Zipf backlog of %d events behind a stopped connector", options.backlog());
    // The contenders since the connector stopped wrote millions of rows.
    long from = stack.startBacklog(c, progress, "the contenders' WAL");
    long startOffsets = stack.syncTopicEnd();
    stack.startStreams(Duration.ofSeconds(60));
    stack.pauseSync();
    BulkUpdater.Result made =
        BulkUpdater.update(url, zipf, options.backlog(), options.seed() + 4, "zipf-backlog");
    long to = Db.queryLong(c, "max-event-id.sql");
    progress.line("  %d events in %.1f s", to - from, made.seconds());
    return CatalogSyncDrain.run(
        CatalogSyncDrain.ZIPF_NAME,
        stack,
        meter,
        from,
        to,
        startOffsets,
        options.timeBox(),
        progress);
  }

  private void environment(Map<String, String> env) {
    Runtime rt = Runtime.getRuntime();
    env.put("cores", Integer.toString(rt.availableProcessors()));
    env.put("JVM max heap", (rt.maxMemory() / 1048576) + " MB");
    env.put(
        "Java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    env.put("projects", Integer.toString(options.projects()));
    env.put("clients", Integer.toString(options.clients()));
    env.put(
        "keys",
        options.keys().name().toLowerCase(java.util.Locale.ROOT)
            + " (Zipf exponent "
            + options.zipfExponent()
            + " where Zipf)");
    env.put("seed", Long.toString(options.seed()));
    env.put(
        "settings",
        "shipped defaults of connector and streams app (catch-up on); reconcile.grace.ms 6 h;"
            + " the streams app alone from Kafka with catchup.enabled=false");
    env.put("kernel autogroup scheduling", autogroup.describe());
  }

  /** Other work on a shared machine shows here; the report must say when it was busy. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
