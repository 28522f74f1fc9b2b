package dev.catalogsync.dev;

import dev.catalogsync.cli.FlagClient;
import dev.catalogsync.cli.HealthServer;
import dev.catalogsync.cli.MetricsEndpoint;
import dev.catalogsync.cli.StopSignal;
import dev.catalogsync.core.BuildVersion;
import dev.catalogsync.core.DurationOption;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync dev}: the whole pipeline on embedded services, until Ctrl-C. */
@Command(
    name = "dev",
    header = "The whole pipeline on embedded PostgreSQL + Kafka, until Ctrl-C.",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description =
        "Starts an embedded PostgreSQL (logical replication) with demo projects and catalog resources, a real Kafka broker, the connector and the streams app, then prints READY. Data persists in --data-dir, so a restart resumes.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync dev",
      "  ./catalog-sync dev --demo",
      "  ./catalog-sync dev --pg-port 5433 --kafka-port 19092 --data-dir /tmp/cs"
    })
final class DevCommand implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = "data/dev",
      description = "Default: ${DEFAULT-VALUE}")
  Path dataDirectory;

  @Option(names = "--pg-port", defaultValue = "54329", description = "Default: ${DEFAULT-VALUE}")
  int postgresPort;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Default: ${DEFAULT-VALUE}")
  int kafkaPort;

  @Option(
      names = "--http-port",
      defaultValue = "8089",
      description = "Port of /health. Default: ${DEFAULT-VALUE}")
  int httpPort;

  @Option(
      names = "--reconcile-interval",
      defaultValue = "60s",
      converter = DurationOption.class,
      description = "Time between reconciler runs (e.g. 10s, 1m). Default: ${DEFAULT-VALUE}")
  Duration reconcileInterval;

  @Option(
      names = "--demo",
      description = "Run the three checks (fast path, reconciler, flag) and exit 0 if they held.")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    // The demo must finish in reasonable time, so it reconciles every few seconds.
    Duration fast = Duration.ofSeconds(5);
    Duration interval = demo && reconcileInterval.compareTo(fast) > 0 ? fast : reconcileInterval;
    Duration grace = Duration.ofSeconds(Math.max(1, Math.min(10, interval.toSeconds() / 2)));
    DevStack.Options options =
        new DevStack.Options(dataDirectory, postgresPort, kafkaPort, interval, grace);

    // SIGTERM / Ctrl-C: the main thread closes everything in order before the JVM exits.
    StopSignal stop = StopSignal.install(Duration.ofSeconds(20));
    MetricsEndpoint metrics = MetricsEndpoint.create();
    try (DevStack stack = DevStack.start(options);
        HealthServer health =
            HealthServer.start(
                "127.0.0.1",
                httpPort,
                stack::health,
                metrics.watchQueue(() -> DriverManager.getConnection(stack.jdbcUrl())))) {
      stack.awaitReady(Duration.ofSeconds(60));
      printReady(stack, health);
      if (demo) {
        return runDemo(stack, interval.plus(grace).plus(Duration.ofSeconds(30)));
      }
      stop.awaitStopRequest();
      return 0;
    } finally {
      stop.closed();
    }
  }

  private int runDemo(DevStack stack, Duration reconcileWindow) throws Exception {
    FlagClient flags =
        new FlagClient(stack.bootstrapServers(), Map.of(), stack.settings().string("topic.flags"));
    DemoScenario.Outcome outcome =
        new DemoScenario(
                stack.jdbcUrl(),
                flags,
                stack.settings().string("flag.name"),
                reconcileWindow,
                System.out)
            .run();
    System.out.printf(
        "DEMO PASSED fast-path=%d ms reconciled=%d ms flag-on-applied=%d ms%n",
        outcome.fastPathMillis(), outcome.reconciledMillis(), outcome.flagOnAppliedMillis());
    return 0;
  }

  private static void printReady(DevStack stack, HealthServer health) {
    System.out.printf(
        "READY jdbc=%s psql=%s kafka=%s health=%s%n",
        stack.jdbcUrl(), stack.libpqUri(), stack.bootstrapServers(), health.url());
    String psql = stack.libpqUri();
    String topic = stack.settings().string("topic.sync-events");
    System.out.printf("  psql %s -c \"UPDATE projects SET name = 'renamed' WHERE id = 1\"%n", psql);
    System.out.printf(
        "  psql %s -c \"SELECT id, project_id, name, visibility_level, sync_version, synced_at"
            + " FROM catalog_resources ORDER BY id\"%n",
        psql);
    System.out.printf("  kcat -C -b %s -t %s -f '%%k %%s\\n'%n", stack.bootstrapServers(), topic);
    System.out.printf(
        "  ./catalog-sync flag off -b %s    (and: flag on, flag status, status)%n",
        stack.bootstrapServers());
    System.out.println("Ctrl-C stops everything.");
    System.out.flush();
  }
}
