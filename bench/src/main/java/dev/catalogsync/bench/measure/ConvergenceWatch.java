package dev.catalogsync.bench.measure;

import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * When every resource first equals its project, watched from a thread of its own while a contender
 * works. Each look goes on from the first resource that still differed at the last one: a resource
 * that has caught up stays so (projects do not change during a drain, and every contender writes
 * only newer states), so a look costs a few index probes and the whole drain passes each resource
 * once. When none differs from there on, one full comparison confirms it; should it find one, the
 * watch starts over from the first resource.
 */
public final class ConvergenceWatch implements AutoCloseable {
  private static final long LOOK_EVERY_MILLIS = 100;

  private final String jdbcUrl;
  private final long startNanos;
  private final Thread thread;
  private volatile double convergedSeconds = Double.NaN;
  private volatile boolean stopped;

  private ConvergenceWatch(String jdbcUrl, long startNanos) {
    this.jdbcUrl = jdbcUrl;
    this.startNanos = startNanos;
    // "bench-": its CPU counts as the bench's, not the contender's.
    this.thread = new Thread(this::watch, "bench-convergence");
    this.thread.setDaemon(true);
  }

  /** Starts watching; seconds are counted from {@code startNanos} (System.nanoTime()). */
  public static ConvergenceWatch start(String jdbcUrl, long startNanos) {
    ConvergenceWatch watch = new ConvergenceWatch(jdbcUrl, startNanos);
    watch.thread.start();
    return watch;
  }

  private void watch() {
    try (Connection c = Db.connect(jdbcUrl)) {
      long from = 0;
      while (!stopped) {
        long lookedAt = System.nanoTime();
        long differs = Db.queryLong(c, "first-stale-resource.sql", from);
        if (differs < 0) {
          if (!Db.queryBoolean(c, "stale-exists.sql")) {
            // Every resource was equal by this look; the last one that differed, 0.1 s before.
            convergedSeconds = (lookedAt - startNanos) / 1e9;
            return;
          }
          from = 0;
        } else {
          from = differs;
        }
        Thread.sleep(LOOK_EVERY_MILLIS);
      }
    } catch (SQLException e) {
      System.err.println("convergence watch failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Seconds from the start until every resource equalled its project, waiting up to {@code wait}
   * for the watch to see it (it looks every 0.1 s); NaN when it did not happen by then.
   */
  public double seconds(Duration wait) throws InterruptedException {
    thread.join(wait.toMillis());
    return convergedSeconds;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(10_000);
  }
}
