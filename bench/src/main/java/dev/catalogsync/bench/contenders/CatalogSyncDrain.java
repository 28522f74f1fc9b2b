package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ConvergenceWatch;
import dev.catalogsync.bench.measure.GroupOffsets;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.measure.TopicOffsets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * catalog-sync working off a backlog that built up behind a stopped connector while the streams app
 * ran with the flag off: the flag goes on and the connector starts, and the clock runs until no
 * event of the backlog is pending (connector start, CDC, Kafka, the streams app's coalescing and
 * guarded batch writes, and its catch-up from the database). Convergence (every resource equal to
 * its project) is watched meanwhile. The pipeline then goes on until CDC has published the whole
 * backlog and the streams app has committed its offsets past it, as in a deployment, so the next
 * drain starts clean; its CPU counts until then.
 */
public final class CatalogSyncDrain {
  public static final String NAME = "catalog-sync";

  /** The same pipeline on a backlog with Zipf-skewed keys: where coalescing shows. */
  public static final String ZIPF_NAME = "catalog-sync, Zipf backlog";

  public static final String PUBLISHED = "CDC published the whole backlog";
  public static final String COMMITTED = "streams app committed offsets past it";
  public static final String CAUGHT_UP = "events caught up from the database";

  private CatalogSyncDrain() {}

  public static DrainResult run(
      String name,
      BenchStack stack,
      ResourceMeter meter,
      long from,
      long to,
      long startOffsetSum,
      Duration timeBox,
      Progress progress)
      throws SQLException, InterruptedException, ExecutionException {
    Map<String, Double> milestones = new LinkedHashMap<>();
    long events = to - from;
    try (Connection c = Db.connect(stack.jdbcUrl());
        TopicOffsets offsets = new TopicOffsets(stack.bootstrapServers(), stack.syncTopic());
        GroupOffsets consumed =
            new GroupOffsets(stack.bootstrapServers(), BenchStack.APPLICATION_ID)) {
      long rowsBefore = Db.rowUpdates(c);
      double caughtUpBefore = caughtUp();
      ResourceMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      ConvergenceWatch convergence = ConvergenceWatch.start(stack.jdbcUrl(), start);
      stack.flag(true);
      stack.startConnector();
      milestones.put("connector streaming", seconds(start));
      double drained = Double.NaN;
      boolean published = false;
      boolean committed = false;
      long nextOffsetCheck = 0;
      while (System.nanoTime() < deadline && !(published && committed)) {
        if (Double.isNaN(drained) && !Db.queryBoolean(c, "pending-exists.sql", from, to)) {
          drained = seconds(start);
        }
        if (System.nanoTime() >= nextOffsetCheck) {
          long end = TopicOffsets.sum(offsets.end());
          if (!published && end - startOffsetSum >= events) {
            published = true;
            milestones.put(PUBLISHED, seconds(start));
          }
          // Commits come every commit.interval.ms, so this moment is up to that late.
          if (published && !Double.isNaN(drained) && consumed.committedSum() >= end) {
            committed = true;
            milestones.put(COMMITTED, seconds(start));
          }
          nextOffsetCheck = System.nanoTime() + (published ? 500_000_000L : 100_000_000L);
        }
        Thread.sleep(25);
      }
      boolean finished = !Double.isNaN(drained);
      double seconds = finished ? drained : timeBox.toMillis() / 1000.0;
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      double converged = convergence.seconds(Duration.ofSeconds(2));
      convergence.close();
      long pending = Db.queryLong(c, "pending-count.sql", from, to);
      milestones.put(CAUGHT_UP, caughtUp() - caughtUpBefore);
      // The streams app's connection reports its row counts when it ends: stop, then read.
      stack.stopStreams();
      stack.stopConnector();
      Thread.sleep(700);
      long rows = Db.rowUpdates(c) - rowsBefore;
      DrainResult r =
          new DrainResult(
              name,
              events,
              events - pending,
              seconds,
              converged,
              finished,
              rows,
              milestones,
              usage);
      r.printTo(progress, name);
      return r;
    }
  }

  /** Queue rows the streams app's catch-up processed so far (its counter, in this JVM). */
  private static double caughtUp() {
    Counter counter = Metrics.globalRegistry.find("catalog_sync_events_caught_up").counter();
    return counter == null ? 0 : counter.count();
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
