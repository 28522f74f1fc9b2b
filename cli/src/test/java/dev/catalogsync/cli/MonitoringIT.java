package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboard and alert rules read only series the services export: the product's
 * connector and streams commands run in two processes, as deployed, on real PostgreSQL and Kafka,
 * with events flowing through them; every series name the files' expressions select must be on one
 * of the two /metrics. A renamed meter then fails here, not on an operator's empty panel.
 */
@ExtendWith(RealStack.class)
class MonitoringIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** The services' logs and last scrapes, kept for a failure's investigation. */
  private static final Path OUTPUT = Path.of("target", "MonitoringIT");

  @Test
  void everySeriesTheDashboardAndTheRulesReadIsExported(
      TestDatabase database, KafkaBroker kafka, @TempDir Path dir) throws Exception {
    Set<String> wanted = MonitoringFiles.seriesNames();
    assertThat(wanted).as("series the monitoring files read").hasSizeGreaterThan(10);
    Path config = settingsFile(database, kafka, dir);

    try (DemoTables demo = DemoTables.install(database);
        ServiceProcess connector = ServiceProcess.start("connector", config, OUTPUT);
        ServiceProcess streams = ServiceProcess.start("streams", config, OUTPUT)) {
      await().atMost(PATIENCE).until(() -> connector.ready() && streams.ready());

      // Events through the stream, so the counters and the freshness histogram have counted.
      // Created once the connector streams, so CDC takes them and not, a minute later, the
      // reconciler.
      demo.projectsWithResources(10, "monitored-");
      demo.exec("UPDATE projects SET name = name || ' renamed'");
      await().atMost(PATIENCE).until(() -> demo.pendingCount() == 0);
      assertThat(demo.resources()).isEqualTo(demo.expected());

      // The consumer's per-partition lag exists once the stream threads have partitions, and
      // Micrometer's Kafka binder looks for new Kafka metrics once a minute: wait for it.
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Scrape fromConnector = scrape(connector);
                Scrape fromStreams = scrape(streams);
                Set<String> exported = new TreeSet<>(fromConnector.names());
                exported.addAll(fromStreams.names());
                assertThat(exported).containsAll(wanted);
                assertThat(fromStreams.value("catalog_sync_freshness_seconds_count", "").orElse(0))
                    .as("freshness observations")
                    .isPositive();
                assertThat(
                        fromStreams.value("catalog_sync_freshness_seconds_bucket", "le=\"0.25\""))
                    .as("the bucket bound the freshness alert compares with")
                    .isPresent();
                assertThat(fromConnector.value("catalog_sync_component_ready", "connector"))
                    .hasValue(1.0);
                assertThat(fromStreams.value("catalog_sync_component_ready", "streams-app"))
                    .hasValue(1.0);
              });
    }
  }

  private static Path settingsFile(TestDatabase database, KafkaBroker kafka, Path dir)
      throws Exception {
    Map<String, String> values =
        TestPipeline.settings(database, kafka.bootstrapServers(), dir.resolve("state"));
    Properties properties = new Properties();
    properties.putAll(values);
    Path file = dir.resolve("catalog-sync.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "MonitoringIT");
    }
    return file;
  }

  /** Scrapes a service, keeping the text beside its log. */
  private static Scrape scrape(ServiceProcess service) throws Exception {
    String text = service.metrics();
    Files.writeString(OUTPUT.resolve(service.command() + ".metrics"), text);
    return Scrape.parse(text);
  }
}
