package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.measure.TopicOffsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * catalog-sync working off a backlog that built up behind a stopped connector: start the connector,
 * time until no event of the backlog is pending. The clock includes the connector's start, CDC,
 * Kafka, the streams app's coalescing and its guarded batch writes.
 */
public final class CatalogSyncDrain {
  public static final String NAME = "catalog-sync";

  /** The same pipeline on a backlog with Zipf-skewed keys: where coalescing shows. */
  public static final String ZIPF_NAME = "catalog-sync, Zipf backlog";

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
      throws SQLException, InterruptedException {
    Map<String, Double> milestones = new LinkedHashMap<>();
    long events = to - from;
    try (Connection c = Db.connect(stack.jdbcUrl());
        TopicOffsets offsets = new TopicOffsets(stack.bootstrapServers(), stack.syncTopic())) {
      long rowsBefore = Db.rowUpdates(c);
      ResourceMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      stack.startConnector();
      milestones.put("connector streaming", seconds(start));
      boolean finished = false;
      boolean published = false;
      long nextOffsetCheck = 0;
      while (System.nanoTime() < deadline) {
        if (!published && System.nanoTime() >= nextOffsetCheck) {
          if (TopicOffsets.sum(offsets.end()) - startOffsetSum >= events) {
            published = true;
            milestones.put("CDC published the whole backlog", seconds(start));
          }
          nextOffsetCheck = System.nanoTime() + 100_000_000L;
        }
        if (!Db.queryBoolean(c, "pending-exists.sql", from, to)) {
          finished = true;
          break;
        }
        Thread.sleep(25);
      }
      double seconds = finished ? seconds(start) : timeBox.toMillis() / 1000.0;
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      long pending = Db.queryLong(c, "pending-count.sql", from, to);
      // The streams app's connection reports its row counts when it ends: stop, then read.
      stack.stopStreams();
      stack.stopConnector();
      Thread.sleep(700);
      long rows = Db.rowUpdates(c) - rowsBefore;
      DrainResult r =
          new DrainResult(
              name, events, events - pending, seconds, finished, rows, milestones, usage);
      r.printTo(progress, name);
      return r;
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
