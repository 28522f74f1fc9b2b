package dev.catalogsync.cli;

import dev.catalogsync.core.Settings;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync streams}: Kafka Streams applies sync events to catalog_resources. */
@Command(
    name = "streams",
    header = "Run the streams app (Kafka -> catalog_resources).",
    mixinStandardHelpOptions = true,
    description =
        "Runs the streams app: latest state per catalog resource, guarded batched writes, the flag, and the reconciler. Scale it by running more instances with the same application id. Settings: defaults, then --config, then CATALOG_SYNC_* variables (streams-app/README.md).",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync streams --config catalog-sync.properties",
      "  CATALOG_SYNC_DATABASE_URL=jdbc:postgresql://db/gitlab ./catalog-sync streams"
    })
final class StreamsCommand implements Callable<Integer> {
  @Option(names = "--config", description = "A properties file with catalog-sync settings.")
  Path config;

  @Option(names = "--http-port", defaultValue = "8082", description = "Port of /health.")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    Settings settings = Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, config, System.getenv());
    StreamsAppConfig cfg = StreamsAppConfig.from(settings);
    StopSignal stop = StopSignal.install(ServiceRunner.CLOSE_TIMEOUT);
    MetricsEndpoint metrics = MetricsEndpoint.create().watchQueue(cfg.database()::connect);
    StreamsService service = StreamsService.start(cfg);
    return ServiceRunner.serve(service, service::health, httpPort, metrics, stop);
  }
}
