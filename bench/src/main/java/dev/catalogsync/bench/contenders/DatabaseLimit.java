package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.BulkUpdater;
import dev.catalogsync.bench.workload.KeySampler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Contender 3, the ceiling: how fast this PostgreSQL absorbs the same number of guarded row updates
 * of catalog_resources, 10,000 distinct rows per statement, with nothing else going on (no Kafka,
 * no queue marking). Keys follow the same distribution as the backlog.
 */
public final class DatabaseLimit {
  public static final String NAME = "database limit";

  private DatabaseLimit() {}

  public static DrainResult run(
      String jdbcUrl,
      ResourceMeter meter,
      KeySampler keys,
      long updates,
      Duration timeBox,
      long seed,
      Progress progress)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    try (Connection c = Db.connect(jdbcUrl);
        PreparedStatement ps = c.prepareStatement(BenchSql.load("limit-batch.sql"))) {
      // Versions above every event id, so the guard lets each write through, as it would a newer
      // event's.
      long version = Db.queryLong(c, "max-event-id.sql") + 1;
      ResourceMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      long deadline = start + timeBox.toNanos();
      long done = 0;
      int statement = 0;
      while (done < updates && System.nanoTime() < deadline) {
        int size = (int) Math.min(BulkUpdater.ROWS_PER_STATEMENT, updates - done);
        long[] ids = keys.distinct(size, random);
        int n = ids.length;
        Long[] idArray = new Long[n];
        Long[] versions = new Long[n];
        String[] names = new String[n];
        String[] descriptions = new String[n];
        Integer[] levels = new Integer[n];
        for (int i = 0; i < n; i++) {
          idArray[i] = ids[i];
          versions[i] = version++;
          names[i] = "project-" + ids[i];
          descriptions[i] = "limit-" + statement;
          levels[i] = (int) (ids[i] % 3) * 10;
        }
        ps.setArray(1, c.createArrayOf("bigint", idArray));
        ps.setArray(2, c.createArrayOf("bigint", versions));
        ps.setArray(3, c.createArrayOf("text", names));
        ps.setArray(4, c.createArrayOf("text", descriptions));
        ps.setArray(5, c.createArrayOf("integer", levels));
        done += ps.executeUpdate();
        statement++;
      }
      boolean finished = done >= updates;
      double seconds = CatalogSyncDrain.seconds(start);
      ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
      Map<String, Double> milestones = new LinkedHashMap<>();
      milestones.put("statements", (double) statement);
      DrainResult r =
          new DrainResult(
              NAME, updates, done, seconds, Double.NaN, finished, done, milestones, usage);
      progress.line(
          "  %-22s %9.0f row updates/s (%d in %.1f s)", NAME, r.perSecond(), done, seconds);
      return r;
    }
  }
}
