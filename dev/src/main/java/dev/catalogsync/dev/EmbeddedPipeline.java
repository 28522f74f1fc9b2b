package dev.catalogsync.dev;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.core.Health;
import dev.catalogsync.core.Settings;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.PostgresServer;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in this JVM, wired as a deployment is: an embedded PostgreSQL, a real Kafka
 * broker, the connector and the streams app, each started and stopped on its own. The dev mode
 * starts all of it; the benchmark stops and starts the parts its phases need. This is the one place
 * that knows how the pieces are connected.
 */
public final class EmbeddedPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPipeline.class);

  /** The database that holds projects, catalog_resources and the queue. */
  public static final String DATABASE = "catalog";

  private final Path directory;
  private final PostgresServer postgres;
  private KafkaBroker kafka;
  private Settings streamsSettings;
  private Settings connectorSettings;
  private ConnectorService connector;
  private StreamsService streams;

  private EmbeddedPipeline(Path directory, PostgresServer postgres) {
    this.directory = directory;
    this.postgres = postgres;
  }

  /** Starts PostgreSQL (port 0: any free one) with its data under {@code directory}. */
  public static EmbeddedPipeline startPostgres(Path directory, int postgresPort) {
    Path dir = directory.toAbsolutePath();
    PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), postgresPort);
    postgres.createDatabase(DATABASE);
    return new EmbeddedPipeline(dir, postgres);
  }

  /**
   * Starts the broker and fixes both services' settings: the shipped defaults, then {@code
   * environment} (the usual CATALOG_SYNC_* rule), then {@code settings}, then the wiring to these
   * servers.
   */
  public void startKafka(int kafkaPort, Map<String, String> settings, Map<String, String> env) {
    kafka = KafkaBroker.start(directory.resolve("kafka"), kafkaPort);
    Map<String, String> values = new HashMap<>(settings);
    values.put("database.url", jdbcUrl());
    values.put("database.user", PostgresServer.USER);
    values.put("database.password", "");
    values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    values.put("topic.replication-factor", "1");
    streamsSettings = Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, env).with(values);
    connectorSettings = Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, env).with(values);
  }

  /** Returns once the replication stream is live (or the connector's start timeout passed). */
  public void startConnector() {
    startConnector(Map.of());
  }

  /**
   * Starts the connector as {@link #startConnector()} does, with {@code settings} laid over the
   * ones fixed at {@link #startKafka} (the drain probe compares Debezium settings this way).
   */
  public void startConnector(Map<String, String> settings) {
    if (connector == null) {
      connector = ConnectorService.start(ConnectorConfig.from(connectorSettings.with(settings)));
    }
  }

  public void stopConnector() {
    if (connector != null) {
      connector.close();
      connector = null;
    }
  }

  /**
   * Starts the streams app under an application id (a consumer group and local state of its own,
   * under this pipeline's directory); returns while it is still starting.
   */
  public void startStreams(String applicationId) {
    startStreams(applicationId, Map.of());
  }

  /**
   * Starts the streams app as {@link #startStreams(String)} does, with {@code settings} laid over
   * the ones fixed at {@link #startKafka} (the benchmark turns continuous verification on for one
   * phase this way).
   */
  public void startStreams(String applicationId, Map<String, String> settings) {
    if (streams == null) {
      Map<String, String> values = new HashMap<>(settings);
      values.put("streams.application-id", applicationId);
      values.put(
          "streams.state-dir", directory.resolve("streams").resolve(applicationId).toString());
      streams = StreamsService.start(StreamsAppConfig.from(streamsSettings.with(values)));
    }
  }

  public void stopStreams() {
    if (streams != null) {
      streams.close();
      streams = null;
    }
  }

  /** The health of the services that run. */
  public List<Health> health() {
    return Stream.of(connector == null ? null : connector.health(), streamsHealth())
        .filter(h -> h != null)
        .toList();
  }

  /** Waits until every service that runs is ready; fails naming what is not. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!health().stream().allMatch(Health::ready)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not become ready: " + health());
      }
      Thread.sleep(50);
    }
  }

  private Health streamsHealth() {
    return streams == null ? null : streams.health();
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl(DATABASE);
  }

  public String libpqUri() {
    return postgres.libpqUri(DATABASE);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The settings the streams app runs with (topics, flag name), for tools and loads. */
  public Settings streamsSettings() {
    return streamsSettings;
  }

  public Settings connectorSettings() {
    return connectorSettings;
  }

  /** Stops what runs, last started first; one that fails to stop does not keep the others up. */
  @Override
  public void close() {
    List<AutoCloseable> stops =
        List.of(this::stopStreams, this::stopConnector, this::stopKafka, postgres::close);
    for (AutoCloseable stop : stops) {
      try {
        stop.close();
      } catch (Exception e) {
        LOG.warn("stopping the embedded pipeline: {}", e.toString());
      }
    }
  }

  private void stopKafka() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }
}
