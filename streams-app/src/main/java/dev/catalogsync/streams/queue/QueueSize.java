package dev.catalogsync.streams.queue;

import dev.catalogsync.core.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The queue's size: partitions attached and detached, the oldest one's age, rows (estimated) and
 * bytes over every partition still there.
 */
public record QueueSize(
    long attachedPartitions,
    long detachedPartitions,
    long oldestPartitionAgeMillis,
    long rowsEstimate,
    long bytes) {

  private static final String SIZE = SqlResource.load(QueueSize.class, "size.sql");

  public static QueueSize read(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SIZE);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new QueueSize(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
  }
}
