package dev.catalogsync.cli;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.core.Settings;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The connector and the streams app of one test, on the shared real servers, with topics, slot and
 * application id of their own.
 */
record TestPipeline(ConnectorService connector, StreamsService streams) implements AutoCloseable {

  /** The settings both services share for a test; change or add to them before starting. */
  static Map<String, String> settings(TestDatabase database, String bootstrap, Path stateDir) {
    Map<String, String> values = new HashMap<>();
    String prefix = RealStack.uniqueName("cli-it");
    values.put("database.url", database.jdbcUrl());
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("topic.sync-events", prefix + ".sync-events");
    values.put("topic.flags", prefix + ".flags");
    values.put("topic.dead-letter", prefix + ".dead-letter");
    values.put("connector.offsets-topic", prefix + ".connector-offsets");
    values.put("connector.name", "it-" + database.name());
    values.put("connector.slot", "slot_" + database.name());
    values.put("streams.application-id", prefix);
    values.put("streams.state-dir", stateDir.toString());
    return values;
  }

  static TestPipeline start(Map<String, String> values) {
    ConnectorService connector = startConnector(values);
    try {
      return new TestPipeline(connector, startStreams(values));
    } catch (RuntimeException e) {
      connector.close();
      throw e;
    }
  }

  static ConnectorService startConnector(Map<String, String> values) {
    return ConnectorService.start(
        ConnectorConfig.from(load(ConnectorConfig.DEFAULTS_RESOURCE, values)));
  }

  static StreamsService startStreams(Map<String, String> values) {
    return StreamsService.start(
        StreamsAppConfig.from(load(StreamsAppConfig.DEFAULTS_RESOURCE, values)));
  }

  boolean ready() {
    return connector.health().ready() && streams.health().ready();
  }

  private static Settings load(String defaults, Map<String, String> values) {
    return Settings.load(defaults, null, Map.of()).with(values);
  }

  @Override
  public void close() {
    streams.close();
    connector.close();
  }
}
