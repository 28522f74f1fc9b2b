package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ConvergenceWatch;
import dev.catalogsync.bench.measure.ResourceMeter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The GitLab-style worker working off the backlog: one wake-up, then runs while events remain. */
public final class GitLabDrain {
  private GitLabDrain() {}

  public static DrainResult run(
      String jdbcUrl, ResourceMeter meter, long from, long to, Duration timeBox, Progress progress)
      throws SQLException, InterruptedException {
    long events = to - from;
    try (Connection check = Db.connect(jdbcUrl)) {
      long rowsBefore = Db.rowUpdates(check);
      ResourceMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      ConvergenceWatch convergence = ConvergenceWatch.start(jdbcUrl, start);
      boolean finished = false;
      long written = 0;
      int runs = 0;
      try (GitLabWorker worker = new GitLabWorker(jdbcUrl)) {
        while (System.nanoTime() < deadline) {
          GitLabWorker.Run run = worker.runOnce();
          runs++;
          if (run != null) {
            written += run.rowsWritten();
            if (run.consumable() == 0) {
              finished = true;
              break;
            }
          }
        }
      }
      double elapsed = CatalogSyncDrain.seconds(start);
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      double converged = convergence.seconds(Duration.ofSeconds(2));
      convergence.close();
      long pending = Db.queryLong(check, "pending-count.sql", from, to);
      PerEventSink.sleepQuietly(700);
      long rows = Db.rowUpdates(check) - rowsBefore;
      Map<String, Double> milestones = new LinkedHashMap<>();
      milestones.put("runs (batches of " + GitLabWorker.BATCH_SIZE + ")", (double) runs);
      milestones.put("resource saves", (double) written);
      DrainResult r =
          new DrainResult(
              GitLabWorker.NAME,
              events,
              events - pending,
              finished ? elapsed : timeBox.toMillis() / 1000.0,
              converged,
              finished,
              rows,
              milestones,
              usage);
      r.printTo(progress, GitLabWorker.NAME);
      return r;
    }
  }
}
