package dev.catalogsync.connector;

import dev.catalogsync.core.Backoff;
import dev.catalogsync.core.ErrorText;
import io.debezium.engine.DebeziumEngine;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Debezium engine running: starts it, notices when the replication stream is live, and
 * when the engine stops with an error (database restarted, Kafka offsets unreachable, ...) starts a
 * new one after a backoff. Only the supervisor thread touches the engine, so starting, failing and
 * closing never race.
 */
final class EngineSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineSupervisor.class);
  // Probe often while a start is expected to take about a second, then gently: each probe is a
  // database connection, and Debezium may keep retrying a busy slot for minutes.
  private static final long PROBE_INTERVAL_MS = 100;
  private static final long SLOW_PROBE_INTERVAL_MS = 1000;
  private static final long FAST_PROBING_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Builds a fresh engine that reports its end to the given callback. */
  @FunctionalInterface
  interface EngineFactory {
    DebeziumEngine<?> create(DebeziumEngine.CompletionCallback onCompletion);
  }

  enum Phase {
    STARTING,
    STREAMING,
    RESTARTING,
    STOPPED
  }

  /** What the supervisor is doing, with the words health() shows. */
  record Status(Phase phase, String detail) {}

  /** How one engine run ended, as Debezium reported it. */
  private record Outcome(boolean success, String message, Throwable error) {
    String describe() {
      if (error != null) {
        return ErrorText.oneLine(error);
      }
      return message == null || message.isBlank() ? "engine stopped without a reason" : message;
    }
  }

  private final EngineFactory factory;
  private final Supplier<Integer> streamingPid;
  private final Runnable onStreaming;
  private final Runnable beforeStart;
  private final Backoff backoff;
  private final ExecutorService engineThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "catalog-sync-engine");
            t.setDaemon(false);
            return t;
          });
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread supervisor;
  private final Object statusLock = new Object();
  private Status status = new Status(Phase.STARTING, "starting the Debezium engine");

  /**
   * @param streamingPid the process streaming from our slot, or null; the stream is ours once it
   *     differs from what it was before the engine started
   * @param onStreaming called each time an engine's stream became live
   * @param beforeStart called before each engine starts, e.g. to replace a lost slot
   */
  EngineSupervisor(
      EngineFactory factory,
      Supplier<Integer> streamingPid,
      Runnable onStreaming,
      Runnable beforeStart,
      Backoff backoff) {
    this.factory = factory;
    this.streamingPid = streamingPid;
    this.onStreaming = onStreaming;
    this.beforeStart = beforeStart;
    this.backoff = backoff;
    this.supervisor = new Thread(this::superviseUntilClosed, "catalog-sync-supervisor");
  }

  void start() {
    supervisor.start();
  }

  Status status() {
    synchronized (statusLock) {
      return status;
    }
  }

  /** Waits until the replication stream is live; false if it was not within the timeout. */
  boolean awaitStreaming(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (statusLock) {
      while (status.phase() != Phase.STREAMING) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || status.phase() == Phase.STOPPED) {
          return false;
        }
        statusLock.wait(left);
      }
      return true;
    }
  }

  /** Stops the engine gracefully (it flushes its offsets) and waits for it. */
  @Override
  public void close() {
    closing.countDown();
    try {
      supervisor.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (supervisor.isAlive()) {
      LOG.warn("the Debezium engine did not stop within 60 s");
    }
    engineThread.shutdownNow();
  }

  private boolean closed() {
    return closing.getCount() == 0;
  }

  private void superviseUntilClosed() {
    int failures = 0;
    while (!closed()) {
      Outcome outcome = runOnce();
      if (closed()) {
        break;
      }
      failures = status().phase() == Phase.STREAMING ? 1 : failures + 1;
      Duration delay = backoff.delay(failures);
      String reason = outcome.describe();
      setStatus(
          Phase.RESTARTING, "engine restarting after: " + reason + " (attempt " + failures + ")");
      LOG.error(
          "Debezium engine stopped: {}; restarting in {} ms (attempt {})",
          reason,
          delay.toMillis(),
          failures);
      try {
        if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    setStatus(Phase.STOPPED, "stopped");
  }

  /** Runs one engine until it ends or the supervisor closes; returns how it ended. */
  private Outcome runOnce() {
    beforeStart.run();
    CompletableFuture<Outcome> ended = new CompletableFuture<>();
    DebeziumEngine<?> engine;
    try {
      engine =
          factory.create(
              (success, message, error) -> ended.complete(new Outcome(success, message, error)));
    } catch (RuntimeException e) {
      return new Outcome(false, null, e);
    }
    if (status().phase() != Phase.RESTARTING) {
      setStatus(Phase.STARTING, "starting the Debezium engine");
    }
    Integer someoneElse = streamingPid.get(); // e.g. another instance, or a dying predecessor
    Future<?> running = engineThread.submit(engine);
    long submitted = System.nanoTime();
    boolean streaming = false;
    boolean closeRequested = false;
    while (!running.isDone()) {
      if (closed() && !closeRequested) {
        closeRequested = closeEngine(engine);
      } else if (!streaming && isOurs(streamingPid.get(), someoneElse)) {
        streaming = true;
        onStreaming.run();
        setStatus(Phase.STREAMING, "streaming");
        LOG.info("replication stream is live");
      }
      try {
        boolean early = System.nanoTime() - submitted < FAST_PROBING_NANOS;
        running.get(
            streaming || early ? PROBE_INTERVAL_MS : SLOW_PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still running: probe or close again
      } catch (ExecutionException e) {
        ended.complete(new Outcome(false, null, e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeEngine(engine);
        break;
      }
    }
    try {
      return ended.get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      return new Outcome(false, "engine ended without reporting why", null);
    }
  }

  private static boolean isOurs(Integer pid, Integer before) {
    return pid != null && !Objects.equals(pid, before);
  }

  private static boolean closeEngine(DebeziumEngine<?> engine) {
    try {
      engine.close();
      return true;
    } catch (Exception e) {
      // Closing before the engine finished starting can be refused; the loop tries again.
      LOG.debug("engine close refused: {}", e.toString());
      return false;
    }
  }

  private void setStatus(Phase phase, String detail) {
    synchronized (statusLock) {
      status = new Status(phase, detail);
      statusLock.notifyAll();
    }
  }
}
