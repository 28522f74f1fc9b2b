package dev.catalogsync.bench.freshness;

import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** Waiting for a range of queue rows to be processed. */
final class Waits {
  private Waits() {}

  /** True once no event in (from, to] is pending; false when the timeout passed first. */
  static boolean untilDrained(Connection c, long from, long to, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Db.queryBoolean(c, "pending-exists.sql", from, to)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
