package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.core.ConfigException;
import dev.catalogsync.core.Settings;
import dev.catalogsync.schemas.contract.FlagRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

  private static Settings defaults() {
    return Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of());
  }

  @Test
  void theDefaultsFileIsValidAndDocumentedValuesHold() {
    StreamsAppConfig config = StreamsAppConfig.from(defaults());
    assertThat(config.topics())
        .isEqualTo(
            new StreamsAppConfig.Topics(
                "catalog-sync.sync-events",
                "catalog-sync.flags",
                "catalog-sync.dead-letter",
                4,
                (short) -1));
    assertThat(config.applicationId()).isEqualTo("catalog-sync");
    assertThat(config.stateDir()).isNull();
    assertThat(config.flag().name()).isEqualTo(FlagRecord.PROCESS_SYNC_EVENTS);
    assertThat(config.flag().defaultEnabled()).isTrue();
    assertThat(config.apply().interval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.apply().maxDeferral()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.apply().maxUnwrittenResources()).isEqualTo(100_000);
    assertThat(config.reconcile().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.reconcile().batchSize()).isEqualTo(1000);
    assertThat(config.database().user()).isNull();
    assertThat(config.catchUp())
        .isEqualTo(
            new StreamsAppConfig.CatchUp(
                true, 20_000, Duration.ofSeconds(2), 10_000, Duration.ofSeconds(1)));
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    Settings settings =
        Settings.load(
            StreamsAppConfig.DEFAULTS_RESOURCE,
            null,
            Map.of("CATALOG_SYNC_APPLY_BATCH_SIZE", "12", "CATALOG_SYNC_FLAG_DEFAULT", "false"));
    StreamsAppConfig config = StreamsAppConfig.from(settings);
    assertThat(config.apply().batchSize()).isEqualTo(12);
    assertThat(config.flag().defaultEnabled()).isFalse();
  }

  @Test
  void aBadValueFailsNamingItsKey() {
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("apply.batch-size", "zero"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("apply.batch-size")
        .hasMessageContaining("CATALOG_SYNC_APPLY_BATCH_SIZE");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("apply.max-deferral.ms", "-1"))))
        .hasMessageContaining("apply.max-deferral.ms");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("topic.replication-factor", "0"))))
        .hasMessageContaining("topic.replication-factor");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("database.url", "postgres://x"))))
        .hasMessageContaining("database.url");
    assertThatThrownBy(() -> StreamsAppConfig.from(defaults().with(Map.of("flag.name", "Flag!"))))
        .hasMessageContaining("flag.name");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("reconcile.grace.ms", "-5"))))
        .hasMessageContaining("reconcile.grace.ms");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("catchup.enabled", "yes"))))
        .hasMessageContaining("catchup.enabled");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("catchup.pending-threshold", "0"))))
        .hasMessageContaining("catchup.pending-threshold")
        .hasMessageContaining("CATALOG_SYNC_CATCHUP_PENDING_THRESHOLD");
    assertThatThrownBy(
            () -> StreamsAppConfig.from(defaults().with(Map.of("catchup.check-interval.ms", "0"))))
        .hasMessageContaining("catchup.check-interval.ms");
  }

  @Test
  void kafkaStreamsPropertiesPassThroughAndWin() {
    StreamsAppConfig config =
        StreamsAppConfig.from(
            defaults()
                .with(
                    Map.of(
                        "kafka-streams.num.stream.threads", "3",
                        "topic.replication-factor", "2",
                        "streams.state-dir", "/var/lib/catalog-sync")));
    Properties props = StreamsService.properties(config);
    assertThat(props.get("num.stream.threads")).isEqualTo("3");
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(2);
    assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/catalog-sync");
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("catalog-sync");
  }

  @Test
  void thePasswordIsNotPrinted() {
    StreamsAppConfig config =
        StreamsAppConfig.from(
            defaults()
                .with(
                    Map.of(
                        "database.password", "s3cret",
                        "kafka.sasl.jaas.config", "PlainLoginModule required password=\"k3y\";")));
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("k3y");
  }

  @Test
  void kafkaClientSettingsReachKafkaStreamsAndItsOwnKeysWin() {
    StreamsAppConfig config =
        StreamsAppConfig.from(
            defaults()
                .with(
                    Map.of(
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.client.dns.lookup", "use_all_dns_ips",
                        "kafka-streams.client.dns.lookup",
                            "resolve_canonical_bootstrap_servers_only")));
    Properties props = StreamsService.properties(config);
    assertThat(props.get("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(props.get("client.dns.lookup"))
        .isEqualTo("resolve_canonical_bootstrap_servers_only");
    // The shipped empty ones are not given at all.
    assertThat(props).doesNotContainKey("sasl.mechanism");
  }

  @Test
  void badConfigurationIsOneLineOnStderrAndExitCodeTwo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("streams.properties");
    Files.writeString(file, "apply.interval.ms=soon\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        StreamsMain.run(
            new String[] {"--config", file.toString()},
            Map.of(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .doesNotContain("\n")
        .contains("apply.interval.ms")
        .contains("'soon'");
  }

  @Test
  void aBadEnvironmentVariableIsReportedTheSameWay() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StreamsMain.run(
            new String[0],
            Map.of("CATALOG_SYNC_TOPIC_PARTITIONS", "many"),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("CATALOG_SYNC_TOPIC_PARTITIONS");
  }

  @Test
  void unknownArgumentsAndMissingFilesAreRejected() {
    assertThatThrownBy(() -> StreamsMain.settings(new String[] {"--verbose"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--verbose");
    assertThatThrownBy(
            () -> StreamsMain.settings(new String[] {"--config", "/no/such/file"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/no/such/file");
  }

  @Test
  void theOldNameOfTheUnwrittenResourcesBoundIsRefusedNamingTheNewOne() {
    Settings old =
        Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of())
            .with(Map.of("apply.max-pending-resources", "5"));
    assertThatThrownBy(() -> StreamsAppConfig.from(old))
        .hasMessageContaining("apply.max-pending-resources")
        .hasMessageContaining("was renamed to apply.max-unwritten-resources");
  }
}
