package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.core.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the Debezium engine is told, from our settings. */
class EnginePropertiesTest {

  @Test
  void streamsOnlyOurPublicationWithPgoutputAndKafkaOffsets() {
    Properties p = EngineProperties.of(config(Map.of()));

    assertThat(p)
        .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
        .containsEntry("database.hostname", "db")
        .containsEntry("database.port", "6543")
        .containsEntry("database.dbname", "gitlab")
        .containsEntry("database.user", "cdc")
        .containsEntry("plugin.name", "pgoutput")
        .containsEntry("publication.name", "catalog_sync_publication")
        .containsEntry("publication.autocreate.mode", "disabled")
        .containsEntry("slot.name", "catalog_sync_slot")
        .containsEntry("snapshot.mode", "no_data")
        .containsEntry("heartbeat.action.query", "SELECT catalog_sync_heartbeat()")
        .containsEntry("poll.interval.ms", "10")
        .containsEntry("offset.storage", ClosingKafkaOffsetStore.class.getName())
        .containsEntry("offset.storage.topic", "catalog-sync.connector-offsets")
        .containsEntry("bootstrap.servers", "kafka:9092")
        .doesNotContainKey("database.password");
  }

  @Test
  void fileOffsetsForDevAndDebeziumKeysWin() {
    Properties p =
        EngineProperties.of(
            config(
                Map.of(
                    "connector.offset-storage", "file",
                    "connector.offsets-file", "/tmp/o.dat",
                    "database.password", "pw",
                    "debezium.poll.interval.ms", "250")));

    assertThat(p)
        .containsEntry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore")
        .containsEntry("offset.storage.file.filename", "/tmp/o.dat")
        .containsEntry("database.password", "pw")
        .containsEntry("poll.interval.ms", "250")
        .doesNotContainKey("offset.storage.topic");
  }

  private static ConnectorConfig config(Map<String, String> overrides) {
    Settings settings =
        Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, Map.of())
            .with(
                Map.of(
                    "database.url", "jdbc:postgresql://db:6543/gitlab?user=cdc",
                    "kafka.bootstrap.servers", "kafka:9092"))
            .with(overrides);
    return ConnectorConfig.from(settings);
  }
}
