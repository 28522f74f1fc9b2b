package dev.catalogsync.streams;

import dev.catalogsync.core.CloseOnShutdown;
import dev.catalogsync.core.ConfigException;
import dev.catalogsync.core.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the streams app until the JVM is stopped. Usage: {@code StreamsMain [--config FILE]}. Bad
 * configuration prints one line on stderr and exits with code 2.
 */
public final class StreamsMain {
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_FAILED = 1;

  private StreamsMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.err));
  }

  /** Runs until shutdown or failure; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream err) {
    StreamsAppConfig config;
    try {
      config = StreamsAppConfig.from(settings(args, env));
    } catch (ConfigException e) {
      err.println("catalog-sync streams: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    StreamsService service;
    try {
      service = StreamsService.start(config);
    } catch (RuntimeException e) {
      err.println("catalog-sync streams did not start: " + e.getMessage());
      return EXIT_FAILED;
    }
    CountDownLatch stopped = CloseOnShutdown.install(service, "catalog-sync-streams-shutdown");
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        KafkaStreams.State state = service.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
          err.println("catalog-sync streams stopped: " + service.health().detail());
          return EXIT_FAILED; // System.exit runs the hook, which closes the service
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Defaults, then {@code --config FILE} if given, then the environment. */
  static Settings settings(String[] args, Map<String, String> env) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else {
        throw new ConfigException(
            "unknown argument '" + args[i] + "'; usage: StreamsMain [--config FILE]");
      }
    }
    return Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, file, env);
  }
}
