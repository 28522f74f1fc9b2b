package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.freshness.FreshnessPhase;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.bench.workload.UpdateDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * A 1000/s freshness phase, measured as every other, with the streams app restarted with continuous
 * verification on; the app is then restarted as the run started it.
 */
final class VerifiedFreshnessPhase {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * As the run's own before its first phase: the restarted app's first seconds are not measured.
   */
  static final Duration WARM_UP = Duration.ofSeconds(3);

  static final Rate WARM_UP_RATE = new Rate(200);

  private VerifiedFreshnessPhase() {}

  static RetentionResult.VerifiedFreshness run(
      BenchStack stack,
      ResourceMeter meter,
      KeySampler keys,
      RetentionPlan plan,
      int clients,
      Duration duration,
      Duration catchUpTimeout,
      long seed,
      Progress progress)
      throws SQLException, InterruptedException {
    long start = System.nanoTime();
    stack.restartStreams(
        Map.of(
            "verify.interval.ms",
            Long.toString(plan.verifyInterval().toMillis()),
            "verify.batch-size",
            Integer.toString(plan.verifyBatch())),
        START_TIMEOUT);
    double restarts = (System.nanoTime() - start) / 1e9;
    warmUp(stack.jdbcUrl(), keys, clients, seed, catchUpTimeout);
    VerifyCounter.install(); // the run installs it first; this only when called on its own
    double checkedBefore = VerifyCounter.checked();
    FreshnessResult f =
        FreshnessPhase.run(
            stack,
            meter,
            keys,
            RetentionPlan.VERIFIED_FRESHNESS_RATE,
            clients,
            duration,
            catchUpTimeout,
            seed,
            progress);
    long checked = Math.round(VerifyCounter.checked() - checkedBefore);
    start = System.nanoTime();
    stack.restartStreams(Map.of(), START_TIMEOUT);
    restarts += (System.nanoTime() - start) / 1e9;
    progress.line(
        "  continuous verification compared %d resources meanwhile (streams app restarts: %.1f s)",
        checked, restarts);
    return new RetentionResult.VerifiedFreshness(
        f, plan.verifyInterval().toMillis(), plan.verifyBatch(), checked, restarts);
  }

  private static void warmUp(
      String jdbcUrl, KeySampler keys, int clients, long seed, Duration catchUpTimeout)
      throws SQLException, InterruptedException {
    try (Connection c = Db.connect(jdbcUrl)) {
      long from = Db.queryLong(c, "max-event-id.sql");
      UpdateDriver.run(jdbcUrl, keys, WARM_UP_RATE, clients, WARM_UP, seed, "warm-verify");
      long to = Db.queryLong(c, "max-event-id.sql");
      long deadline = System.nanoTime() + catchUpTimeout.toNanos();
      while (Db.queryBoolean(c, "pending-exists.sql", from, to) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
  }
}
