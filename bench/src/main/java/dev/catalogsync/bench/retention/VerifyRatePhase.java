package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.streams.verify.Verification;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code ./catalog-sync verify}'s work, timed: {@link Verification} over every resource, on a
 * connection of its own, with the CLI's batch size and grace, while the pipeline runs idle.
 */
final class VerifyRatePhase {
  private VerifyRatePhase() {}

  static RetentionResult.VerifyRate run(String jdbcUrl, RetentionPlan plan, Progress progress)
      throws SQLException, InterruptedException {
    try (Connection c = Db.connect(jdbcUrl)) {
      long[] lastBatchAt = {0};
      long start = System.nanoTime();
      Verification.Result result =
          new Verification(c, plan.verifyRateBatch(), plan.verifyGrace())
              .run(n -> lastBatchAt[0] = System.nanoTime());
      long end = System.nanoTime();
      double pass = ((lastBatchAt[0] == 0 ? end : lastBatchAt[0]) - start) / 1e9;
      RetentionResult.VerifyRate r =
          new RetentionResult.VerifyRate(
              result.checked(),
              pass,
              (end - start) / 1e9,
              result.drifts().size(),
              result.changing(),
              plan.verifyRateBatch());
      progress.line(
          "  %d resources in %.2f s: %.0f resources/s (%d differ, %d still changing)",
          r.checked(), r.seconds(), r.perSecond(), r.drifts(), r.changing());
      return r;
    }
  }
}
