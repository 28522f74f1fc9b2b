package dev.catalogsync.connector;

import dev.catalogsync.core.CloseOnShutdown;
import dev.catalogsync.core.ConfigException;
import dev.catalogsync.core.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the connector until the process is told to stop. {@code --config FILE} adds a properties
 * file over the defaults; environment variables override both. SIGTERM (or Ctrl-C) closes the
 * connector gracefully. Exit code 2: bad arguments or configuration, 1: could not start.
 */
public final class ConnectorMain {
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_START_FAILED = 1;

  private ConnectorMain() {}

  public static void main(String[] args) {
    ConnectorConfig config;
    try {
      config = ConnectorConfig.from(loadSettings(args));
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("catalog-sync connector: " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    }

    ConnectorService service;
    try {
      service = ConnectorService.start(config);
    } catch (RuntimeException e) {
      System.err.println("catalog-sync connector: cannot start: " + e.getMessage());
      System.exit(EXIT_START_FAILED);
      return;
    }

    CountDownLatch stopped = CloseOnShutdown.install(service, "catalog-sync-shutdown");
    // Keep main alive until the hook has closed the service, so the JVM ends only then.
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Defaults, then the {@code --config} file if given, then the environment. */
  static Settings loadSettings(String[] args) {
    return Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, configFile(args), System.getenv());
  }

  static Path configFile(String[] args) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (arg.startsWith("--config=")) {
        file = Path.of(arg.substring("--config=".length()));
      } else {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; usage: ConnectorMain [--config FILE]");
      }
    }
    return file;
  }
}
