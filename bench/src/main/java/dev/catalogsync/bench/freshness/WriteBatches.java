package dev.catalogsync.bench.freshness;

import dev.catalogsync.bench.BenchSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The streams app's database writes during a phase, read back from the apply log: how many batch
 * statements, their mean size, and how long each ran until its last row was written.
 *
 * @param batches write statements that changed at least one row
 * @param meanRows rows per statement
 * @param p50Ms median statement time (start of its transaction to its last row write)
 * @param p99Ms 99th percentile of the same
 * @param totalMs the sum: time the writers spent in the database
 */
public record WriteBatches(
    long batches, double meanRows, double p50Ms, double p99Ms, double totalMs) {
  static WriteBatches read(Connection c, long from, long to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BenchSql.load("apply-batches.sql"))) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new WriteBatches(
            rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
      }
    }
  }
}
