package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.streams.queue.QueueRotation;
import dev.catalogsync.streams.queue.QueueSize;
import dev.catalogsync.streams.queue.RotationPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A month of queue rotation in minutes: a steady source load through the whole pipeline (the
 * streams app marks the rows processed, the connector's slot confirms them), the product's rotation
 * with a "day" of seconds, the queue's size sampled once a day; then, under the same load, windows
 * with the rotation running and without, for the source updates' statement times.
 */
final class CompressedMonth {
  /** What it measured. */
  record Outcome(RetentionResult.Month month, RetentionResult.Latency latency) {}

  private static final Duration CLEAN_START_TIMEOUT = Duration.ofSeconds(30);

  private CompressedMonth() {}

  static Outcome run(
      BenchStack stack,
      ResourceMeter meter,
      KeySampler keys,
      RetentionPlan plan,
      int clients,
      long seed,
      Progress progress)
      throws SQLException, InterruptedException {
    String url = stack.jdbcUrl();
    String slot = stack.replicationSlot();
    LatencyDriver driver =
        LatencyDriver.start(url, keys, plan.rate(), clients, seed, "month-" + plan.rate().label());
    try (Connection c = Db.connect(url);
        Rotator rotator =
            new Rotator(
                url, new RotationPolicy(plan.day(), plan.retention()), slot, plan.rotationTick())) {
      long start = System.nanoTime();
      long earlier = Db.queryLong(c, "queue-newest-partition.sql");
      boolean clean = cleanStart(c, url, slot, plan, earlier);
      double cleanStart = (System.nanoTime() - start) / 1e9;
      long cleanPending = clean ? 0 : Db.queryLong(c, "queue-pending.sql", earlier);
      if (clean) {
        progress.line(
            "  clean start: the rotation dropped what the queue held before in %.1f s", cleanStart);
      } else {
        progress.line(
            "  clean start: the rotation could NOT drop what the queue held before within %.0f s"
                + " (%d rows still pending there); the month starts with it",
            cleanStart, cleanPending);
      }

      ResourceMeter.Snapshot before = meter.snapshot();
      rotator.on(true);
      long monthStart = System.nanoTime();
      List<RetentionResult.DaySample> samples = new ArrayList<>();
      for (int day = 0; day <= plan.monthDays(); day++) {
        sleepUntil(monthStart + day * plan.day().toNanos());
        RetentionResult.DaySample s = sample(c, day, monthStart);
        samples.add(s);
        if (day % 5 == 0 || day == plan.monthDays()) {
          progress.line(
              "  day %2d: %d attached, %d detached, %d rows, %.1f MB",
              day, s.attached(), s.detached(), s.rows(), s.bytes() / 1048576.0);
        }
      }
      long monthEnd = System.nanoTime();
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());

      // Off and on in turn, each pair in the other order than the one before (off, on, on, off,
      // ...), so that a drift over the windows weighs on both alike.
      List<long[]> windows = new ArrayList<>();
      List<Boolean> rotating = new ArrayList<>();
      for (int pair = 0; pair < plan.windowPairs(); pair++) {
        for (int half = 0; half < 2; half++) {
          boolean on = (pair % 2 == 0) == (half == 1);
          rotator.on(on);
          long from = System.nanoTime();
          sleepUntil(from + plan.window().toNanos());
          windows.add(new long[] {from, System.nanoTime()});
          rotating.add(on);
        }
      }
      rotator.on(false);
      LatencyDriver.Recording rec = driver.stop();
      driver = null;

      double[] monthMs = rec.millis(monthStart, monthEnd);
      RetentionResult.Month month =
          new RetentionResult.Month(
              cleanStart,
              cleanPending,
              samples,
              RetentionResult.Flatness.of(samples, plan.referenceDay(), plan.lastThirdFrom()),
              rotator.steps(monthStart, monthEnd),
              rotator.failures(),
              monthMs.length / ((monthEnd - monthStart) / 1e9),
              Percentiles.of(monthMs),
              rec.failures(monthStart, monthEnd),
              usage);
      RetentionResult.Latency latency = latency(rec, rotator, windows, rotating);
      if (rotator.failures() > 0) {
        progress.line(
            "  %d rotation runs failed; the last: %s", rotator.failures(), rotator.lastFailure());
      }
      return new Outcome(month, latency);
    } finally {
      if (driver != null) {
        driver.stop();
      }
    }
  }

  /**
   * The queue held every event of the phases before: rotates with no retention until the partitions
   * it had (up to {@code newest}) are dropped, so that day 0 starts from a queue of this month's
   * load alone. False when they were not within the timeout: a partition with a pending row is
   * never detached, and the bench's reconciler would mark such a row only after 6 h.
   */
  private static boolean cleanStart(
      Connection c, String url, String slot, RetentionPlan plan, long newest)
      throws SQLException, InterruptedException {
    QueueRotation clean = new QueueRotation(new RotationPolicy(plan.day(), Duration.ZERO), slot);
    long deadline = System.nanoTime() + CLEAN_START_TIMEOUT.toNanos();
    try (Connection own = Db.connect(url)) {
      while (Db.queryLong(c, "queue-oldest-partition.sql") <= newest) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        clean.run(own);
        Thread.sleep(plan.rotationTick().toMillis());
      }
    }
    return true;
  }

  private static RetentionResult.DaySample sample(Connection c, int day, long monthStart)
      throws SQLException {
    double seconds = (System.nanoTime() - monthStart) / 1e9;
    QueueSize size = QueueSize.read(c);
    long rows = Db.queryLong(c, "queue-rows.sql");
    long pending = Db.queryLong(c, "queue-pending.sql", Long.MAX_VALUE);
    return new RetentionResult.DaySample(
        day,
        seconds,
        size.attachedPartitions(),
        size.detachedPartitions(),
        rows,
        pending,
        size.rowsEstimate(),
        size.bytes());
  }

  static RetentionResult.Latency latency(
      LatencyDriver.Recording rec, Rotator rotator, List<long[]> windows, List<Boolean> rotating) {
    long first = windows.isEmpty() ? 0 : windows.get(0)[0];
    List<RetentionResult.Window> out = new ArrayList<>();
    double[] with = new double[0];
    double[] without = new double[0];
    long failuresWith = 0;
    long failuresWithout = 0;
    Map<String, Long> steps = new LinkedHashMap<>();
    double[] runs = new double[0];
    for (int i = 0; i < windows.size(); i++) {
      long from = windows.get(i)[0];
      long to = windows.get(i)[1];
      boolean on = rotating.get(i);
      double[] ms = rec.millis(from, to);
      long failures = rec.failures(from, to);
      Map<String, Long> windowSteps = rotator.steps(from, to);
      long done =
          windowSteps.entrySet().stream()
              .filter(e -> !e.getKey().equals(RetentionResult.DETACH_WAITED))
              .mapToLong(Map.Entry::getValue)
              .sum();
      out.add(
          new RetentionResult.Window(
              on,
              (from - first) / 1e9,
              (to - from) / 1e9,
              ms.length,
              failures,
              done,
              Percentiles.of(ms).p99()));
      if (on) {
        with = concat(with, ms);
        failuresWith += failures;
        windowSteps.forEach((k, v) -> steps.merge(k, v, Long::sum));
        runs = concat(runs, rotator.runMillis(from, to));
      } else {
        without = concat(without, ms);
        failuresWithout += failures;
      }
    }
    return new RetentionResult.Latency(
        out,
        Percentiles.of(with),
        Percentiles.of(without),
        failuresWith,
        failuresWithout,
        steps,
        Percentiles.of(runs));
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
