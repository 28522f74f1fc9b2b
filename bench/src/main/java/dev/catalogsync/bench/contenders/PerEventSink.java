package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ConvergenceWatch;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.measure.TopicOffsets;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Contender 2, the usual "JDBC sink" shape: a Kafka consumer of the same topic that writes every
 * event as its own guarded row update and marks it processed, one JDBC batch and one transaction
 * per poll, no coalescing. It reads the backlog's events where catalog-sync's run found them in the
 * topic (so it does not pay for CDC, which favours it), with the same contract check.
 */
public final class PerEventSink {
  public static final String NAME = "per-event sink";
  private static final int MAX_POLL_RECORDS = 1000;

  private PerEventSink() {}

  public static DrainResult run(
      String jdbcUrl,
      String bootstrapServers,
      String topic,
      Map<TopicPartition, Long> startOffsets,
      ResourceMeter meter,
      long from,
      long to,
      Duration timeBox,
      Progress progress)
      throws SQLException, InterruptedException {
    long events = to - from;
    Properties p = TopicOffsets.properties(bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
    long rowsBefore;
    long start;
    boolean finished = false;
    ResourceMeter.Usage usage;
    long pending;
    try (Connection check = Db.connect(jdbcUrl)) {
      rowsBefore = Db.rowUpdates(check);
      ResourceMeter.Snapshot before = meter.snapshot();
      start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      ConvergenceWatch convergence = ConvergenceWatch.start(jdbcUrl, start);
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
          Connection c = Db.connect(jdbcUrl);
          PreparedStatement apply = c.prepareStatement(BenchSql.load("sink-apply.sql"));
          PreparedStatement mark = c.prepareStatement(BenchSql.load("sink-mark.sql"))) {
        c.setAutoCommit(false);
        consumer.assign(startOffsets.keySet());
        startOffsets.forEach(consumer::seek);
        long nextCheck = 0;
        while (System.nanoTime() < deadline) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          if (!records.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
              SyncEvent e = Contract.decode(Payload.SYNC_EVENT, r.value(), SyncEvent.class);
              apply.setString(1, e.name());
              apply.setString(2, e.description());
              if (e.visibilityLevel() == null) {
                apply.setNull(3, Types.INTEGER);
              } else {
                apply.setInt(3, e.visibilityLevel());
              }
              apply.setLong(4, e.id());
              apply.setLong(5, e.catalogResourceId());
              apply.setLong(6, e.id());
              apply.addBatch();
              mark.setLong(1, e.id());
              mark.addBatch();
            }
            apply.executeBatch();
            mark.executeBatch();
            c.commit();
          }
          if (records.isEmpty() || System.nanoTime() >= nextCheck) {
            if (!Db.queryBoolean(check, "pending-exists.sql", from, to)) {
              finished = true;
              break;
            }
            nextCheck = System.nanoTime() + 250_000_000L;
          }
        }
      }
      double elapsed = CatalogSyncDrain.seconds(start);
      usage = meter.between(before, meter.snapshot());
      double converged = convergence.seconds(Duration.ofSeconds(2));
      convergence.close();
      pending = Db.queryLong(check, "pending-count.sql", from, to);
      double seconds = finished ? elapsed : timeBox.toMillis() / 1000.0;
      sleepQuietly(700);
      long rows = Db.rowUpdates(check) - rowsBefore;
      Map<String, Double> milestones = new LinkedHashMap<>();
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
      r.printTo(progress, NAME);
      return r;
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
