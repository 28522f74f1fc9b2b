package dev.catalogsync.bench.freshness;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.BenchStack;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.report.SvgChart;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.bench.workload.UpdateDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives the source at one rate while the whole pipeline runs, waits for it to catch up, then reads
 * every event's freshness from the apply log.
 */
public final class FreshnessPhase {
  private FreshnessPhase() {}

  public static FreshnessResult run(
      BenchStack stack,
      ResourceMeter meter,
      KeySampler keys,
      Rate rate,
      int clients,
      Duration duration,
      Duration catchUpTimeout,
      long seed,
      Progress progress)
      throws SQLException, InterruptedException {
    String label = rate.label() + (rate.flatOut() ? "" : "/s") + " " + keyLabel(keys);
    String jdbcUrl = stack.jdbcUrl();
    try (Connection c = Db.connect(jdbcUrl);
        TopicProbe probe = new TopicProbe(stack.bootstrapServers(), stack.syncTopic())) {
      long from = Db.queryLong(c, "max-event-id.sql");
      ResourceMeter.Snapshot before = meter.snapshot();
      UpdateDriver.Result drive =
          UpdateDriver.run(jdbcUrl, keys, rate, clients, duration, seed, "fresh-" + rate.label());
      long to = Db.queryLong(c, "max-event-id.sql");
      boolean caughtUp = Waits.untilDrained(c, from, to, catchUpTimeout);
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      Thread.sleep(100); // the probe reads on its own; give it the last records
      Map<Long, TopicProbe.Seen> seen = probe.finish();

      List<double[]> rows = load(c, from, to);
      long rowWrites = Db.queryLong(c, "apply-log-rows.sql", from, to);
      WriteBatches writes = WriteBatches.read(c, from, to);
      double[] freshness = new double[rows.size()];
      int applied = 0;
      double firstCreated = Double.MAX_VALUE;
      double lastApplied = 0;
      Map<Integer, List<Double>> perSecond = new TreeMap<>();
      double phaseStart = rows.isEmpty() ? 0 : rows.get(0)[1];
      double[] toKafka = new double[rows.size()];
      double[] throughKafka = new double[rows.size()];
      double[] toRow = new double[rows.size()];
      int split = 0;
      for (double[] full : rows) {
        TopicProbe.Seen s = seen.get((long) full[0]);
        double[] r = {full[1], full[2]};
        if (s != null && !Double.isNaN(r[1])) {
          toKafka[split] = Math.max(0, s.sentMs() - r[0]);
          throughKafka[split] = Math.max(0, s.receivedMs() - s.sentMs());
          toRow[split] = Math.max(0, r[1] - s.receivedMs());
          split++;
        }
        firstCreated = Math.min(firstCreated, r[0]);
        if (Double.isNaN(r[1])) {
          continue;
        }
        double f = Math.max(0, r[1] - r[0]);
        freshness[applied++] = f;
        lastApplied = Math.max(lastApplied, r[1]);
        perSecond
            .computeIfAbsent((int) ((r[0] - phaseStart) / 1000), k -> new ArrayList<>())
            .add(f);
      }
      double[] appliedValues = java.util.Arrays.copyOf(freshness, applied);
      List<SvgChart.Point> series = new ArrayList<>();
      perSecond.forEach(
          (second, values) ->
              series.add(
                  new SvgChart.Point(
                      second,
                      Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray())
                          .p99())));
      double span = (lastApplied - firstCreated) / 1000.0;
      FreshnessResult result =
          new FreshnessResult(
              label,
              rate,
              keys.distribution(),
              rows.size(),
              drive.perSecond(),
              span > 0 ? applied / span : 0,
              Percentiles.of(appliedValues),
              Percentiles.of(java.util.Arrays.copyOf(toKafka, split)),
              Percentiles.of(java.util.Arrays.copyOf(throughKafka, split)),
              Percentiles.of(java.util.Arrays.copyOf(toRow, split)),
              rows.size() - applied,
              rowWrites,
              writes,
              series,
              usage);
      progress.line(
          "  %-16s source %7.0f/s  applied %7.0f/s  p50 %5.0f ms  p99 %6.0f ms  max %6.0f ms"
              + "  (p50 to Kafka %.0f, through %.0f, to row %.0f)  writes/update %.2f%s",
          label,
          result.sourcePerSecond(),
          result.appliedPerSecond(),
          result.freshness().p50(),
          result.freshness().p99(),
          result.freshness().max(),
          result.toKafka().p50(),
          result.throughKafka().p50(),
          result.toRow().p50(),
          result.rowWritesPerUpdate(),
          caughtUp ? "" : "  (not caught up: " + result.unapplied() + " unapplied)");
      return result;
    }
  }

  static String keyLabel(KeySampler keys) {
    return keys.distribution().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** [id, created_ms, applied_ms or NaN] per event, in id order. */
  private static List<double[]> load(Connection c, long from, long to) throws SQLException {
    List<double[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(BenchSql.load("freshness.sql"))) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setFetchSize(10_000);
      c.setAutoCommit(false); // a fetch size only streams inside a transaction
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double id = rs.getLong(1);
          double created = rs.getDouble(2);
          double appliedAt = rs.getDouble(3);
          rows.add(new double[] {id, created, rs.wasNull() ? Double.NaN : appliedAt});
        }
      } finally {
        c.commit();
        c.setAutoCommit(true);
      }
    }
    return rows;
  }
}
