package dev.catalogsync.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C for long-running commands: the JVM's shutdown hook asks the main thread to
 * stop, then waits (bounded) until the main thread has closed everything in order, so the process
 * exits only after offsets are flushed and embedded servers are down.
 */
public final class StopSignal {
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  private StopSignal() {}

  public static StopSignal install(Duration closeTimeout) {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signal.stopRequested.countDown();
                  try {
                    signal.closed.await(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "catalog-sync-shutdown"));
    return signal;
  }

  /** Blocks until SIGTERM or Ctrl-C. */
  public void awaitStopRequest() throws InterruptedException {
    stopRequested.await();
  }

  /** Tells the shutdown hook that everything is closed. */
  public void closed() {
    closed.countDown();
  }
}
