package dev.catalogsync.connector;

import java.util.Properties;

/** Translates our settings into the Debezium engine's; {@code debezium.*} keys win over ours. */
public final class EngineProperties {
  /** The tables in the publication: the queue, and the heartbeat table that moves the slot. */
  static final String TABLES = "public.catalog_resource_sync_events,public.catalog_sync_heartbeat";

  static final String EXCLUDED_COLUMNS =
      "public\\.catalog_resource_sync_events\\.(partition_id|status|updated_at)";

  private EngineProperties() {}

  public static Properties of(ConnectorConfig config) {
    Properties p = new Properties();
    p.setProperty("name", config.name());
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("topic.prefix", config.name());

    p.setProperty("database.hostname", config.database().host());
    p.setProperty("database.port", Integer.toString(config.database().port()));
    p.setProperty("database.dbname", config.database().database());
    p.setProperty("database.user", config.user());
    if (!config.password().isEmpty()) {
      p.setProperty("database.password", config.password());
    }

    // The migration owns the publication (creating one needs more rights than streaming).
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", config.slot());
    p.setProperty("publication.name", config.publication());
    p.setProperty("publication.autocreate.mode", "disabled");
    p.setProperty("table.include.list", TABLES);
    // Bookkeeping columns no event carries (since PostgreSQL 15 the publication leaves them out).
    p.setProperty("column.exclude.list", EXCLUDED_COLUMNS);
    // The queue is a log of changes, not state: rows before the slot existed are the reconciler's.
    p.setProperty("snapshot.mode", "no_data");

    p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
    p.setProperty("heartbeat.action.query", "SELECT catalog_sync_heartbeat()");
    p.setProperty("poll.interval.ms", Long.toString(config.pollInterval().toMillis()));

    p.setProperty("offset.storage", config.offsetStorage().storeClass());
    p.setProperty(
        "offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));
    if (config.offsetStorage() == OffsetStorage.KAFKA) {
      // The offset store's clients are built from the engine's top-level settings.
      config.kafkaClient().forEach(p::setProperty);
      p.setProperty("bootstrap.servers", config.bootstrapServers());
      p.setProperty("offset.storage.topic", config.offsetsTopic());
      // The topic is created by TopicSetup beforehand; these only matter if it was deleted since.
      p.setProperty("offset.storage.partitions", "1");
      p.setProperty(
          "offset.storage.replication.factor", Short.toString(config.replicationFactor()));
    } else {
      p.setProperty("offset.storage.file.filename", config.offsetsFile().toString());
    }

    config.debezium().forEach(p::setProperty);
    return p;
  }
}
