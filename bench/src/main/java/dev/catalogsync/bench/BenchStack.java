package dev.catalogsync.bench;

import dev.catalogsync.cli.FlagClient;
import dev.catalogsync.core.Settings;
import dev.catalogsync.dev.EmbeddedPipeline;
import dev.catalogsync.embedded.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The machinery under test: the embedded pipeline, with the bench's own settings and without the
 * user's environment, so that every run measures the shipped defaults.
 */
public final class BenchStack implements AutoCloseable {
  public static final String APPLICATION_ID = "catalog-sync-bench";

  private final EmbeddedPipeline pipeline;

  private BenchStack(EmbeddedPipeline pipeline) {
    this.pipeline = pipeline;
  }

  static BenchStack startPostgres(Path directory) {
    return new BenchStack(EmbeddedPipeline.startPostgres(directory, 0));
  }

  PostgresServer postgres() {
    return pipeline.postgres();
  }

  public String jdbcUrl() {
    return pipeline.jdbcUrl();
  }

  public String bootstrapServers() {
    return pipeline.bootstrapServers();
  }

  void startKafka() {
    // The reconciler is catalog-sync's safety net for events CDC lost; here nothing is lost, and
    // letting it pick up backlog rows would blur what the stream achieves. Its interval goes with
    // it: health counts a row pending for two intervals as stuck, and backlogs here wait on
    // purpose.
    String off = Long.toString(Duration.ofHours(6).toMillis());
    pipeline.startKafka(
        0,
        Map.of(
            "streams.application-id",
            APPLICATION_ID,
            "reconcile.grace.ms",
            off,
            "reconcile.interval.ms",
            off),
        Map.of());
  }

  /** The settings both services run with: shipped defaults plus the wiring, no environment. */
  Settings streamsSettings() {
    return pipeline.streamsSettings();
  }

  Settings connectorSettings() {
    return pipeline.connectorSettings();
  }

  public String syncTopic() {
    return connectorSettings().string("topic.sync-events");
  }

  /** Returns once the replication stream is live (or the connector's start timeout passed). */
  public void startConnector() {
    pipeline.startConnector();
  }

  public void stopConnector() {
    pipeline.stopConnector();
  }

  /** Starts the streams app and waits until it is RUNNING. */
  void startStreams(Duration timeout) throws InterruptedException {
    startStreams(timeout, APPLICATION_ID, Map.of());
  }

  /**
   * Starts the streams app under an application id of its own choosing (a new consumer group and
   * fresh state) with some settings of its own, and waits until it is RUNNING.
   */
  public void startStreams(Duration timeout, String applicationId, Map<String, String> settings)
      throws InterruptedException {
    pipeline.startStreams(applicationId, settings);
    pipeline.awaitReady(timeout);
  }

  /**
   * Turns the sync flag on or off, as an operator would (the flag topic); returns once the broker
   * has it, every streams instance reads it within moments.
   */
  public void flag(boolean on) {
    Settings streams = streamsSettings();
    new FlagClient(bootstrapServers(), Map.of(), streams.string("topic.flags"))
        .set(streams.string("flag.name"), on, "catalog-sync bench");
  }

  /**
   * Stops the streams app and starts it again under the bench's application id, with {@code
   * settings} laid over the bench's (none: as the run started it); waits until it is RUNNING.
   */
  public void restartStreams(Map<String, String> settings, Duration timeout)
      throws InterruptedException {
    pipeline.stopStreams();
    pipeline.startStreams(APPLICATION_ID, settings);
    pipeline.awaitReady(timeout);
  }

  /** The connector's replication slot, which the queue's rotation waits for. */
  public String replicationSlot() {
    return connectorSettings().string("connector.slot");
  }

  public void stopStreams() {
    pipeline.stopStreams();
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
