package dev.catalogsync.cli;

import dev.catalogsync.core.Health;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one long-lived service with /health and /metrics until SIGTERM or Ctrl-C, then closes it
 * gracefully.
 */
final class ServiceRunner {
  private ServiceRunner() {}

  /** How long the shutdown hook waits for a graceful close. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Serves /health and /metrics for a started service until the stop signal, then closes it.
   * Install {@code stop} and create {@code metrics} before starting the service.
   */
  static int serve(
      AutoCloseable service,
      Supplier<Health> health,
      int httpPort,
      MetricsEndpoint metrics,
      StopSignal stop)
      throws Exception {
    try (service;
        HealthServer server =
            HealthServer.start("0.0.0.0", httpPort, () -> List.of(health.get()), metrics)) {
      System.out.println("health: " + server.url());
      stop.awaitStopRequest();
      return 0;
    } finally {
      stop.closed();
    }
  }
}
