package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ConvergenceWatch;
import dev.catalogsync.bench.measure.ResourceMeter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * catalog-sync's streams app alone on the backlog already in Kafka: the like-for-like comparison
 * with the per-event sink, which also starts from the topic. A new application id (new consumer
 * group, empty state) gets the backlog's first offsets committed beforehand, so it reads exactly
 * the backlog. Its catch-up is off: from the topic alone, as the sink reads it.
 */
public final class StreamsOnlyDrain {
  public static final String NAME = "catalog-sync, streams app only (from Kafka)";
  private static final String APPLICATION_ID = "catalog-sync-bench-replay";

  private StreamsOnlyDrain() {}

  public static DrainResult run(
      BenchStack stack,
      ResourceMeter meter,
      Map<TopicPartition, Long> startOffsets,
      long from,
      long to,
      Duration timeBox,
      Progress progress)
      throws SQLException, InterruptedException, ExecutionException {
    commitOffsets(stack.bootstrapServers(), startOffsets);
    long events = to - from;
    Map<String, Double> milestones = new LinkedHashMap<>();
    try (Connection c = Db.connect(stack.jdbcUrl())) {
      long rowsBefore = Db.rowUpdates(c);
      ResourceMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      ConvergenceWatch convergence = ConvergenceWatch.start(stack.jdbcUrl(), start);
      // From Kafka alone, like the per-event sink: the catch-up would read the queue instead.
      stack.startStreams(
          Duration.ofSeconds(60), APPLICATION_ID, Map.of("catchup.enabled", "false"));
      milestones.put("streams app running", CatalogSyncDrain.seconds(start));
      boolean finished = false;
      while (System.nanoTime() < deadline) {
        if (!Db.queryBoolean(c, "pending-exists.sql", from, to)) {
          finished = true;
          break;
        }
        Thread.sleep(25);
      }
      double seconds = finished ? CatalogSyncDrain.seconds(start) : timeBox.toMillis() / 1000.0;
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      double converged = convergence.seconds(Duration.ofSeconds(2));
      convergence.close();
      long pending = Db.queryLong(c, "pending-count.sql", from, to);
      stack.stopStreams();
      Thread.sleep(700);
      long rows = Db.rowUpdates(c) - rowsBefore;
      DrainResult r =
          new DrainResult(
              NAME,
              events,
              events - pending,
              seconds,
              converged,
              finished,
              rows,
              milestones,
              usage);
      r.printTo(progress, "streams app only");
      return r;
    }
  }

  private static void commitOffsets(String bootstrapServers, Map<TopicPartition, Long> offsets)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    offsets.forEach((tp, offset) -> committed.put(tp, new OffsetAndMetadata(offset)));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.alterConsumerGroupOffsets(APPLICATION_ID, committed).all().get();
    }
  }
}
