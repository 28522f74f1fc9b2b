package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.core.ConfigException;
import dev.catalogsync.core.DatabaseAddress;
import dev.catalogsync.core.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the connector's settings: every bad value is reported with its key. */
class ConnectorConfigTest {

  @Test
  void theShippedDefaultsAreValidAndDocumented() {
    ConnectorConfig config = ConnectorConfig.from(defaults(Map.of()));

    assertThat(config.database())
        .isEqualTo(new DatabaseAddress("127.0.0.1", 5432, "catalog_sync", Map.of()));
    assertThat(config.syncTopic()).isEqualTo("catalog-sync.sync-events");
    assertThat(config.deadLetterTopic())
        .isEqualTo("catalog-sync.dead-letter"); // as the streams app
    assertThat(config.partitions()).isEqualTo(4);
    assertThat(config.replicationFactor()).isEqualTo((short) -1);
    assertThat(config.slot()).isEqualTo("catalog_sync_slot");
    assertThat(config.publication()).isEqualTo("catalog_sync_publication");
    assertThat(config.offsetStorage()).isEqualTo(OffsetStorage.KAFKA);
    assertThat(config.offsetsTopic()).isEqualTo("catalog-sync.connector-offsets");
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.stallHeartbeats()).isEqualTo(5);
    assertThat(config.heartbeatsOff()).isFalse();
    assertThat(config.debezium()).isEmpty();
  }

  @Test
  void theSlotStallCheckCanBeTurnedOffAndHeartbeatsOffAreNoticed() {
    assertThat(
            ConnectorConfig.from(defaults(Map.of("connector.stall-heartbeats", "0")))
                .stallHeartbeats())
        .isZero();
    assertThat(
            ConnectorConfig.from(defaults(Map.of("debezium.heartbeat.interval.ms", "0")))
                .heartbeatsOff())
        .isTrue();
  }

  @Test
  void theUserAndPasswordMayComeFromTheUrl() {
    ConnectorConfig config =
        ConnectorConfig.from(
            defaults(
                Map.of(
                    "database.url",
                    "jdbc:postgresql://db:6543/gitlab?user=cdc&password=s%40cret",
                    "database.user",
                    "")));

    assertThat(config.user()).isEqualTo("cdc");
    assertThat(config.password()).isEqualTo("s@cret");
    assertThat(config.database().host()).isEqualTo("db");
    assertThat(config.database().port()).isEqualTo(6543);
    assertThat(config.toString()).doesNotContain("s@cret");
  }

  @Test
  void explicitUserAndPasswordWinOverTheUrl() {
    ConnectorConfig config =
        ConnectorConfig.from(
            defaults(
                Map.of(
                    "database.url", "jdbc:postgresql://db/gitlab?user=cdc",
                    "database.user", "other",
                    "database.password", "pw")));

    assertThat(config.user()).isEqualTo("other");
    assertThat(config.password()).isEqualTo("pw");
  }

  @Test
  void fileStorageNeedsAFile() {
    assertThatThrownBy(
            () -> ConnectorConfig.from(defaults(Map.of("connector.offset-storage", "file"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("connector.offsets-file")
        .hasMessageContaining("CATALOG_SYNC_CONNECTOR_OFFSETS_FILE");

    ConnectorConfig config =
        ConnectorConfig.from(
            defaults(
                Map.of(
                    "connector.offset-storage", "FILE",
                    "connector.offsets-file", "/tmp/offsets.dat")));
    assertThat(config.offsetsFile()).isEqualTo(Path.of("/tmp/offsets.dat"));
  }

  @Test
  void debeziumKeysArePassedThroughWithoutTheirPrefix() {
    ConnectorConfig config =
        ConnectorConfig.from(defaults(Map.of("debezium.max.batch.size", "4096")));

    assertThat(config.debezium()).containsExactly(Map.entry("max.batch.size", "4096"));
  }

  @Test
  void kafkaClientSettingsAreKeptAndNeverPrinted() {
    ConnectorConfig config =
        ConnectorConfig.from(
            defaults(
                Map.of(
                    "kafka.security.protocol", "SASL_SSL",
                    "kafka.sasl.jaas.config", "PlainLoginModule required password=\"k3y\";")));

    assertThat(config.kafkaClient())
        .isEqualTo(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "PlainLoginModule required password=\"k3y\";"));
    assertThat(config.toString()).doesNotContain("k3y");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "database.url | ''",
        "database.url | mysql://db/x",
        "database.url | jdbc:postgresql://db:99999/x",
        "database.url | jdbc:postgresql://a,b/x",
        "database.url | jdbc:postgresql://db/",
        "database.user | ''",
        "kafka.bootstrap.servers | ''",
        "topic.sync-events | has space",
        "topic.dead-letter | has space",
        "topic.dead-letter | catalog-sync.sync-events",
        "topic.dead-letter | catalog-sync.connector-offsets",
        "topic.partitions | 0",
        "topic.partitions | many",
        "topic.replication-factor | 0",
        "topic.replication-factor | -2",
        "connector.name | ''",
        "connector.slot | Bad-Slot",
        "connector.publication | ''",
        "connector.offset-storage | s3",
        "connector.offsets-topic | a/b",
        "connector.offset-flush-interval.ms | 0",
        "connector.heartbeat-interval.ms | soon",
        "connector.poll-interval.ms | -1",
        "connector.start-timeout.ms | ''",
        "connector.stall-timeout.ms | 15000",
        "connector.stall-heartbeats | 1",
        "connector.stall-heartbeats | -1",
        "connector.stall-heartbeats | often",
        "connector.retry-backoff-initial.ms | 0",
        "connector.retry-backoff-max.ms | 100",
      })
  void aBadValueIsReportedWithItsKey(String key, String value) {
    Map<String, String> values = new HashMap<>();
    values.put(key, value);
    if (key.equals("database.user")) {
      values.put("database.url", "jdbc:postgresql://db/x"); // no user in the URL either
    }

    assertThatThrownBy(() -> ConnectorConfig.from(defaults(values)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid setting " + key + " (" + Settings.envName(key) + ")");
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    Settings settings =
        Settings.load(
            ConnectorConfig.DEFAULTS_RESOURCE,
            null,
            Map.of("CATALOG_SYNC_CONNECTOR_SLOT", "from_env", "CATALOG_SYNC_DATABASE_USER", "u"));

    assertThat(ConnectorConfig.from(settings).slot()).isEqualTo("from_env");
  }

  private static Settings defaults(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("database.user", "postgres");
    values.putAll(overrides);
    return Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, Map.of()).with(values);
  }
}
