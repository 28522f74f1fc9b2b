package dev.catalogsync.bench.workload;

import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.SQLException;

/** N projects, one catalog resource each, an empty queue, fresh statistics. */
public final class Seeder {
  private Seeder() {}

  /**
   * @param clearQueueSql the script emptying the queue the seed filled, or null when none
   */
  public static void seed(String jdbcUrl, int projects, String clearQueueSql) throws SQLException {
    try (Connection c = Db.connect(jdbcUrl)) {
      Db.update(c, "seed-projects.sql", projects);
      Db.update(c, "seed-resources.sql");
      if (clearQueueSql != null) {
        Db.script(c, clearQueueSql);
      }
      Db.script(c, "vacuum.sql");
    }
  }
}
