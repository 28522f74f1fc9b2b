package dev.catalogsync.connector;

import dev.catalogsync.core.Settings;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * Connector settings for a test: the shipped defaults pointed at the test's database and broker.
 */
final class TestConfigs {
  private TestConfigs() {}

  /** Settings values for a database and broker, with topics of their own. */
  static Map<String, String> values(TestDatabase database, String bootstrapServers) {
    Map<String, String> values = new HashMap<>();
    values.put("database.url", database.jdbcUrl());
    values.put("kafka.bootstrap.servers", bootstrapServers);
    values.put("topic.sync-events", RealStack.uniqueName("sync-events"));
    values.put("topic.dead-letter", RealStack.uniqueName("dead-letter"));
    values.put("connector.offsets-topic", RealStack.uniqueName("connector-offsets"));
    values.put("connector.name", "it-" + database.name());
    // Replication slots belong to the server, not the database: one per test database.
    values.put("connector.slot", "slot_" + database.name());
    values.put("connector.heartbeat-interval.ms", "500");
    values.put("connector.stall-timeout.ms", "5000");
    values.put("connector.offset-flush-interval.ms", "200");
    values.put("connector.retry-backoff-max.ms", "2000");
    return values;
  }

  static Settings settings(Map<String, String> values) {
    return Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, Map.of()).with(values);
  }

  static ConnectorConfig config(TestDatabase database, String bootstrapServers) {
    return ConnectorConfig.from(settings(values(database, bootstrapServers)));
  }
}
