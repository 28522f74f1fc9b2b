package dev.catalogsync.bench.workload;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Bulk updates of projects (up to 10,000 distinct rows per statement, autocommit), as a data
 * migration or an update_all would make them: the way a large backlog appears at once.
 */
public final class BulkUpdater {
  public static final int ROWS_PER_STATEMENT = 10_000;

  /** What the statements did; the events are exactly the rows they updated. */
  public record Result(long rows, int statements, double seconds) {}

  private BulkUpdater() {}

  /** Updates until at least {@code rows} project rows were changed. */
  public static Result update(String jdbcUrl, KeySampler keys, long rows, long seed, String tag)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    long done = 0;
    int statements = 0;
    long start = System.nanoTime();
    try (Connection c = Db.connect(jdbcUrl);
        PreparedStatement ps = c.prepareStatement(BenchSql.load("update-bulk.sql"))) {
      while (done < rows) {
        int size = (int) Math.min(ROWS_PER_STATEMENT, rows - done);
        long[] ids = keys.distinct(size, random);
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
          boxed[i] = ids[i];
        }
        ps.setString(1, tag + "-" + statements);
        ps.setArray(2, c.createArrayOf("bigint", boxed));
        done += ps.executeUpdate();
        statements++;
      }
    }
    return new Result(done, statements, (System.nanoTime() - start) / 1e9);
  }
}
