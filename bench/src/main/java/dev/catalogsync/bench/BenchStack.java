package dev.catalogsync.bench;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.schemas.config.Settings;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The machinery under test, in this JVM, wired as the dev mode wires it: embedded PostgreSQL, a
 * real Kafka broker, the connector and the streams app, each startable and stoppable on its own so
 * that phases can build a backlog behind a stopped connector or run a contender instead.
 */
final class BenchStack implements AutoCloseable {
  static final String DATABASE = "catalog";
  static final String APPLICATION_ID = "catalog-sync-bench";

  private final Path directory;
  private final PostgresServer postgres;
  private KafkaBroker kafka;
  private ConnectorService connector;
  private StreamsService streams;
  private Map<String, String> wiring;
  // Read once: the defaults live in the connector's and streams app's jars, which a concurrent
  // `mvn install` may replace under a running JVM.
  private Settings streamsSettings;
  private Settings connectorSettings;

  private BenchStack(Path directory, PostgresServer postgres) {
    this.directory = directory;
    this.postgres = postgres;
  }

  static BenchStack startPostgres(Path directory) {
    return new BenchStack(directory, PostgresServer.start(directory.resolve("postgres"), 0));
  }

  PostgresServer postgres() {
    return postgres;
  }

  String jdbcUrl() {
    return postgres.jdbcUrl(DATABASE);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  void startKafka() {
    kafka = KafkaBroker.start(directory.resolve("kafka"), 0);
    wiring =
        Map.of(
            "database.url",
            jdbcUrl(),
            "database.user",
            PostgresServer.USER,
            "database.password",
            "",
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "topic.replication-factor",
            "1",
            "streams.application-id",
            APPLICATION_ID,
            "streams.state-dir",
            directory.resolve("streams").toString(),
            // The reconciler is catalog-sync's safety net for events CDC lost; here nothing is
            // lost, and letting it pick up backlog rows would blur what the stream achieves.
            "reconcile.grace.ms",
            Long.toString(Duration.ofHours(6).toMillis()));
    streamsSettings =
        Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of()).with(wiring);
    connectorSettings =
        Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, Map.of()).with(wiring);
  }

  /** The settings both services run with: shipped defaults plus the wiring, no environment. */
  Settings streamsSettings() {
    return streamsSettings;
  }

  Settings connectorSettings() {
    return connectorSettings;
  }

  String syncTopic() {
    return connectorSettings().string("topic.sync-events");
  }

  /** Returns once the replication stream is live (or the connector's start timeout passed). */
  void startConnector() {
    if (connector == null) {
      connector = ConnectorService.start(ConnectorConfig.from(connectorSettings()));
    }
  }

  void stopConnector() {
    if (connector != null) {
      connector.close();
      connector = null;
    }
  }

  /** Starts the streams app and waits until it is RUNNING. */
  void startStreams(Duration timeout) throws InterruptedException {
    startStreams(timeout, APPLICATION_ID);
  }

  /**
   * Starts the streams app under an application id of its own choosing (a new consumer group and
   * fresh state), and waits until it is RUNNING.
   */
  void startStreams(Duration timeout, String applicationId) throws InterruptedException {
    if (streams != null) {
      return;
    }
    Settings settings =
        streamsSettings()
            .with(
                Map.of(
                    "streams.application-id",
                    applicationId,
                    "streams.state-dir",
                    directory.resolve("streams-" + applicationId).toString()));
    streams = StreamsService.start(StreamsAppConfig.from(settings));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!streams.health().ready()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("streams app not RUNNING after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  void stopStreams() {
    if (streams != null) {
      streams.close();
      streams = null;
    }
  }

  @Override
  public void close() {
    stopStreams();
    stopConnector();
    if (kafka != null) {
      kafka.close();
    }
    postgres.close();
  }
}
