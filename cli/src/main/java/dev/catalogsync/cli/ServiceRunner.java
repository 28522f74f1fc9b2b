package dev.catalogsync.cli;

import dev.catalogsync.schemas.config.Health;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    closed.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "catalog-sync-shutdown"));
    try (service;
        HealthServer server =
            HealthServer.start(
                "0.0.0.0", httpPort, () -> List.of(health.get()), MetricsEndpoint.create(queue))) {
      System.out.println("health: " + server.url());
      stopRequested.await();
      return 0;
    } finally {
      closed.countDown();
    }
  }
}
