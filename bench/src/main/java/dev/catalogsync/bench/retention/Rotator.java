package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.Db;
import dev.catalogsync.streams.queue.QueueRotation;
import dev.catalogsync.streams.queue.RotationPolicy;
import dev.catalogsync.streams.queue.RotationResult;
import dev.catalogsync.streams.queue.RotationStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's queue rotation ({@link QueueRotation} with a {@link RotationPolicy}, under the
 * reconciler's advisory lock, on a connection of its own) run every tick while it is on, as the
 * streams app runs it on each reconcile tick. Every run, and every step it took or left waiting, is
 * noted with its time.
 */
final class Rotator implements AutoCloseable {
  /**
   * A step of one run: its kind (add, activate, fence, detach, drop) and whether it took effect.
   */
  record Step(long atNanos, String kind, boolean done) {}

  /** One run: when it started and how long it took. */
  record Run(long atNanos, double millis) {}

  /** Step kinds in the order of a partition's life, as the report names them. */
  static final List<String> KINDS = List.of("add", "activate", "fence", "detach", "drop");

  private final String jdbcUrl;
  private final QueueRotation rotation;
  private final Duration tick;
  private final Object lock = new Object();
  private final List<Step> steps = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private boolean on;
  private long failures;
  private String lastFailure = "";
  private Connection connection;

  Rotator(String jdbcUrl, RotationPolicy policy, String slot, Duration tick) {
    this.jdbcUrl = jdbcUrl;
    this.rotation = new QueueRotation(policy, slot);
    this.tick = tick;
    this.thread = new Thread(this::loop, "bench-rotation");
    thread.setDaemon(true);
    thread.start();
  }

  /** Turns the rotation on or off; returns once a run in progress has finished. */
  void on(boolean value) {
    synchronized (lock) {
      on = value;
    }
  }

  private void loop() {
    long next = System.nanoTime();
    while (!closed) {
      synchronized (lock) {
        if (on) {
          runOnce();
        }
      }
      next += tick.toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      } else {
        next = System.nanoTime();
      }
    }
  }

  private void runOnce() {
    long start = System.nanoTime();
    try {
      if (connection == null) {
        connection = Db.connect(jdbcUrl);
      }
      RotationResult r = rotation.run(connection);
      long end = System.nanoTime();
      runs.add(new Run(start, (end - start) / 1e6));
      for (RotationStep s : r.done()) {
        steps.add(new Step(end, kind(s), true));
      }
      for (RotationStep s : r.waiting()) {
        steps.add(new Step(end, kind(s), false));
      }
    } catch (SQLException | RuntimeException e) {
      failures++;
      lastFailure = e.getMessage();
      closeConnection();
    }
  }

  static String kind(RotationStep s) {
    if (s instanceof RotationStep.AddSpare) {
      return "add";
    } else if (s instanceof RotationStep.Activate) {
      return "activate";
    } else if (s instanceof RotationStep.Fence) {
      return "fence";
    } else if (s instanceof RotationStep.Detach) {
      return "detach";
    }
    return "drop";
  }

  /** Steps that took effect in [from, to), by kind; "detach waited" counts detaches put off. */
  Map<String, Long> steps(long fromNanos, long toNanos) {
    synchronized (lock) {
      return count(steps, fromNanos, toNanos);
    }
  }

  static Map<String, Long> count(List<Step> steps, long fromNanos, long toNanos) {
    Map<String, Long> counts = new LinkedHashMap<>();
    KINDS.forEach(k -> counts.put(k, 0L));
    counts.put(RetentionResult.DETACH_WAITED, 0L);
    for (Step s : steps) {
      if (s.atNanos() >= fromNanos && s.atNanos() < toNanos) {
        String key = s.done() ? s.kind() : RetentionResult.DETACH_WAITED;
        counts.merge(key, 1L, Long::sum);
      }
    }
    return counts;
  }

  /** How long each run in [from, to) took, ms. */
  double[] runMillis(long fromNanos, long toNanos) {
    synchronized (lock) {
      return runs.stream()
          .filter(r -> r.atNanos() >= fromNanos && r.atNanos() < toNanos)
          .mapToDouble(Run::millis)
          .toArray();
    }
  }

  long failures() {
    synchronized (lock) {
      return failures;
    }
  }

  String lastFailure() {
    synchronized (lock) {
      return lastFailure;
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    thread.join();
    synchronized (lock) {
      closeConnection();
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // a connection that failed is dropped either way
      }
      connection = null;
    }
  }
}
