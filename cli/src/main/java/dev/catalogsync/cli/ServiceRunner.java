package dev.catalogsync.cli;

import dev.catalogsync.schemas.config.Health;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one long-lived service with /health and /metrics until SIGTERM or Ctrl-C, then closes it
 * gracefully.
 */
final class ServiceRunner {
  private ServiceRunner() {}

  static int runUntilStopped(
      AutoCloseable service,
      Supplier<Health> health,
      int httpPort,
      MetricsEndpoint.QueueDatabase queue)
      throws Exception {
    StopSignal stop = StopSignal.install(Duration.ofSeconds(30));
    try (service;
        HealthServer server =
            HealthServer.start(
                "0.0.0.0", httpPort, () -> List.of(health.get()), MetricsEndpoint.create(queue))) {
      System.out.println("health: " + server.url());
      stop.awaitStopRequest();
      return 0;
    } finally {
      stop.closed();
    }
  }
}
