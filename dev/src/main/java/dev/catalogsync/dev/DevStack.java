package dev.catalogsync.dev;

import dev.catalogsync.core.Health;
import dev.catalogsync.core.Settings;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev mode's pipeline: the demo tables with their seed data, then everything started, with the
 * user's environment applied to the settings as in a deployment.
 */
final class DevStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  /** What the user can choose about the dev stack. */
  record Options(
      Path dataDirectory,
      int postgresPort,
      int kafkaPort,
      Duration reconcileInterval,
      Duration reconcileGrace) {}

  private final EmbeddedPipeline pipeline;

  private DevStack(EmbeddedPipeline pipeline) {
    this.pipeline = pipeline;
  }

  static DevStack start(Options options) {
    EmbeddedPipeline pipeline =
        EmbeddedPipeline.startPostgres(options.dataDirectory(), options.postgresPort());
    DevStack stack = new DevStack(pipeline);
    try {
      SchemaInstaller.installDemo(pipeline.jdbcUrl(), null, null);
      DemoSeed.seedIfEmpty(pipeline.jdbcUrl());
      pipeline.startKafka(
          options.kafkaPort(),
          Map.of(
              "reconcile.interval.ms",
              Long.toString(options.reconcileInterval().toMillis()),
              "reconcile.grace.ms",
              Long.toString(options.reconcileGrace().toMillis())),
          System.getenv());
      pipeline.startConnector();
      pipeline.startStreams(pipeline.streamsSettings().string("streams.application-id"));
      LOG.info("dev stack started: data in {}", options.dataDirectory().toAbsolutePath());
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  String jdbcUrl() {
    return pipeline.jdbcUrl();
  }

  String libpqUri() {
    return pipeline.libpqUri();
  }

  String bootstrapServers() {
    return pipeline.bootstrapServers();
  }

  /** The settings the streams app runs with (topics, flag name), for the flag and status tools. */
  Settings settings() {
    return pipeline.streamsSettings();
  }

  List<Health> health() {
    return pipeline.health();
  }

  /** Waits until the connector streams and the streams app runs; fails naming what is not. */
  void awaitReady(Duration timeout) throws InterruptedException {
    pipeline.awaitReady(timeout);
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
