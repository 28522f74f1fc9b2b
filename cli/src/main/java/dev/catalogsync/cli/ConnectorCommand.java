package dev.catalogsync.cli;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.core.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync connector}: Debezium captures sync events into Kafka. */
@Command(
    name = "connector",
    header = "Run the CDC connector (Debezium -> Kafka).",
    mixinStandardHelpOptions = true,
    description =
        "Runs the CDC connector: Debezium (pgoutput) reads inserts into the sync queue and publishes them to the sync-event topic, at least once. Settings: defaults, then --config, then CATALOG_SYNC_* environment variables (see connector/README.md).",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync connector --config catalog-sync.properties",
      "  CATALOG_SYNC_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 ./catalog-sync connector"
    })
final class ConnectorCommand implements Callable<Integer> {
  @Option(names = "--config", description = "A properties file with catalog-sync settings.")
  Path config;

  @Option(names = "--http-port", defaultValue = "8081", description = "Port of /health.")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    ConnectorConfig cfg =
        ConnectorConfig.from(
            Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, config, System.getenv()));
    StopSignal stop = StopSignal.install(ServiceRunner.CLOSE_TIMEOUT);
    MetricsEndpoint metrics = MetricsEndpoint.create();
    ConnectorService service = ConnectorService.start(cfg);
    return ServiceRunner.serve(service, service::health, httpPort, metrics, stop);
  }
}
