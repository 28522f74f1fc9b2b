package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.freshness.FreshnessPhase;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeySampler;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * A 1000/s freshness phase, measured as every other, with the streams app restarted with continuous
 * verification on; the app is then restarted as the run started it.
 */
final class VerifiedFreshnessPhase {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

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
}
