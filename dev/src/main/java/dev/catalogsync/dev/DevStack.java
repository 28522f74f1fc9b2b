package dev.catalogsync.dev;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.schemas.config.Health;
import dev.catalogsync.schemas.config.Settings;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine with nothing installed: embedded PostgreSQL with the demo
 * tables, a real Kafka broker, the connector and the streams app, wired like a deployment.
 */
final class DevStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);
  static final String DATABASE = "catalog";

  /** What the user can choose about the dev stack. */
  record Options(
      Path dataDirectory,
      int postgresPort,
      int kafkaPort,
      Duration reconcileInterval,
      Duration reconcileGrace) {}

  private final List<AutoCloseable> started = new ArrayList<>();
  private PostgresServer postgres;
  private KafkaBroker kafka;
  private ConnectorService connector;
  private StreamsService streams;
  private Settings settings;

  private DevStack() {}

  static DevStack start(Options options) {
    DevStack stack = new DevStack();
    try {
      stack.startAll(options);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    Path data = options.dataDirectory().toAbsolutePath();
    postgres = PostgresServer.start(data.resolve("postgres"), options.postgresPort());
    started.add(postgres);
    postgres.createDatabase(DATABASE);
    SchemaInstaller.installDemo(jdbcUrl(), null, null);
    DemoSeed.seedIfEmpty(jdbcUrl());

    kafka = KafkaBroker.start(data.resolve("kafka"), options.kafkaPort());
    started.add(kafka);

    Map<String, String> wiring =
        Map.of(
            "database.url", jdbcUrl(),
            "database.user", PostgresServer.USER,
            "database.password", "",
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            "topic.replication-factor", "1",
            "streams.state-dir", data.resolve("streams").toString(),
            "reconcile.interval.ms", Long.toString(options.reconcileInterval().toMillis()),
            "reconcile.grace.ms", Long.toString(options.reconcileGrace().toMillis()));
    Map<String, String> env = System.getenv();
    settings = Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, env).with(wiring);

    connector =
        ConnectorService.start(
            ConnectorConfig.from(
                Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, env).with(wiring)));
    started.add(connector);
    streams = StreamsService.start(StreamsAppConfig.from(settings));
    started.add(streams);
    LOG.info("dev stack started: data in {}", data);
  }

  String jdbcUrl() {
    return postgres.jdbcUrl(DATABASE);
  }

  String libpqUri() {
    return postgres.libpqUri(DATABASE);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The settings the streams app runs with (topics, flag name), for the flag and status tools. */
  Settings settings() {
    return settings;
  }

  List<Health> health() {
    return List.of(connector.health(), streams.health());
  }

  /** Waits until the connector streams and the streams app runs; fails naming what is not. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!health().stream().allMatch(Health::ready)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not become ready: " + health());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }
}
