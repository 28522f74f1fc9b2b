package dev.catalogsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  private static final String DEFAULTS = "/settings-test-defaults.properties";

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.properties");
    Files.writeString(file, "batch.size=50\npoll-interval.ms=20\n");

    Settings settings = Settings.load(DEFAULTS, file, Map.of("CATALOG_SYNC_POLL_INTERVAL_MS", "7"));

    assertThat(settings.positiveInt("batch.size")).isEqualTo(50);
    assertThat(settings.millis("poll-interval.ms")).isEqualTo(Duration.ofMillis(7));
    assertThat(settings.string("name")).isEqualTo("default-name");
  }

  @Test
  void unknownEnvironmentVariablesAreIgnored() {
    Settings settings = Settings.load(DEFAULTS, null, Map.of("CATALOG_SYNC_NOT_A_KEY", "x"));
    assertThat(settings.asMap()).doesNotContainKey("not.a.key");
  }

  @Test
  void invalidValuesNameTheKeyAndItsVariable() {
    Settings settings = Settings.load(DEFAULTS, null, Map.of("CATALOG_SYNC_BATCH_SIZE", "lots"));
    assertThatThrownBy(() -> settings.positiveInt("batch.size"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid setting batch.size (CATALOG_SYNC_BATCH_SIZE): must be a whole number above 0,"
                + " got 'lots'");
    assertThatThrownBy(() -> settings.string("missing.key"))
        .hasMessageContaining("missing.key")
        .hasMessageContaining("is required");
    assertThatThrownBy(() -> settings.with(Map.of("flag", "yes")).bool("flag"))
        .hasMessageContaining("flag (CATALOG_SYNC_FLAG): must be true or false");
  }

  @Test
  void passThroughStripsThePrefix() {
    Settings settings = Settings.load(DEFAULTS, null, Map.of());
    assertThat(settings.passThrough("debezium.")).containsEntry("slot.name", "s1");
  }

  @Test
  void kafkaClientSettingsAreTheKafkaKeysButTheBootstrapServersAndEmptyOnes() {
    Settings settings =
        Settings.load(DEFAULTS, null, Map.of())
            .with(
                Map.of(
                    "kafka.bootstrap.servers", "k:9092",
                    "kafka.security.protocol", "SASL_SSL",
                    "kafka.sasl.mechanism", "",
                    "kafka-streams.num.stream.threads", "3"));

    assertThat(settings.kafkaClient()).isEqualTo(Map.of("security.protocol", "SASL_SSL"));
  }

  @Test
  void aMissingUserFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> Settings.load(DEFAULTS, dir.resolve("nope.properties"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties does not exist");
  }
}
