package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeySampler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The bench items of issue 19, run after the freshness phases while the pipeline runs: freshness at
 * 1000/s with continuous verification (next to the 1000/s phase without), the compressed month of
 * queue rotation with its latency windows, and one full verify.
 */
public final class RetentionPhases {
  private RetentionPhases() {}

  public static RetentionResult run(
      BenchStack stack,
      ResourceMeter meter,
      KeySampler keys,
      int clients,
      Duration duration,
      Duration catchUpTimeout,
      boolean quick,
      long seed,
      Progress progress)
      throws SQLException, InterruptedException {
    RetentionPlan plan = RetentionPlan.of(quick);

    progress.line(
        "freshness at %s/s with continuous verification (every %d ms, %d resources)",
        RetentionPlan.VERIFIED_FRESHNESS_RATE.label(),
        plan.verifyInterval().toMillis(),
        plan.verifyBatch());
    RetentionResult.VerifiedFreshness verified =
        VerifiedFreshnessPhase.run(
            stack, meter, keys, plan, clients, duration, catchUpTimeout, seed, progress);

    progress.line(
        "compressed month: %d days of %.1f s, retention %d days, %s updates/s; then %d pairs of"
            + " %d-day windows with and without rotation",
        plan.monthDays(),
        plan.day().toMillis() / 1000.0,
        plan.retentionDays(),
        plan.rate().label(),
        plan.windowPairs(),
        plan.windowDays());
    CompressedMonth.Outcome month =
        CompressedMonth.run(stack, meter, keys, plan, clients, seed + 5, progress);
    RetentionResult.Flatness flat = month.month().flatness();
    if (flat != null) {
      progress.line(
          "  queue size: %.1f MB at day %d, at most %.1f MB from day %d on (%.2fx): %s",
          flat.referenceBytes() / 1048576.0,
          flat.referenceDay(),
          flat.lastThirdMaxBytes() / 1048576.0,
          flat.lastThirdFrom(),
          flat.ratio(),
          flat.flat() ? "flat" : "NOT flat");
    }
    RetentionResult.Latency latency = month.latency();
    progress.line(
        "  update p99 with rotation %.2f ms, without %.2f ms (%.2fx); %d + %d failed",
        latency.withRotation().p99(),
        latency.withoutRotation().p99(),
        latency.p99Ratio(),
        latency.failuresWith(),
        latency.failuresWithout());

    try (Connection c = Db.connect(stack.jdbcUrl())) {
      long last = Db.queryLong(c, "max-event-id.sql");
      long deadline = System.nanoTime() + catchUpTimeout.toNanos();
      while (Db.queryBoolean(c, "pending-exists.sql", 0L, last) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    progress.line("verify over every resource (batches of %d)", plan.verifyRateBatch());
    RetentionResult.VerifyRate verify = VerifyRatePhase.run(stack.jdbcUrl(), plan, progress);
    return new RetentionResult(plan, month.month(), latency, verify, verified);
  }
}
