package dev.catalogsync.streams.queue;

import dev.catalogsync.core.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the queue's partitions and runs one rotation step, through V8's functions. */
final class QueuePartitions {
  private static final String PARTITIONS = load("partitions.sql");
  private static final String ADD = load("add-partition.sql");
  private static final String ACTIVATE = load("activate-partition.sql");
  private static final String FENCE = load("fence-partition.sql");
  private static final String DETACH = load("detach-partition.sql");
  private static final String DROP = load("drop-partition.sql");

  private QueuePartitions() {}

  static List<QueuePartition> read(Connection c, String slot) throws SQLException {
    List<QueuePartition> partitions = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(PARTITIONS)) {
      ps.setString(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          partitions.add(
              new QueuePartition(
                  rs.getLong(1),
                  rs.getBoolean(2),
                  rs.getBoolean(3),
                  rs.getBoolean(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getBoolean(7),
                  rs.getLong(8),
                  rs.getBoolean(9),
                  rs.getBoolean(10)));
        }
      }
    }
    return partitions;
  }

  /** Runs a step; a detach answers 'detached', 'busy' or 'pending', the others 'done'. */
  static String run(Connection c, RotationStep step) throws SQLException {
    String sql;
    if (step instanceof RotationStep.AddSpare) {
      sql = ADD;
    } else if (step instanceof RotationStep.Activate) {
      sql = ACTIVATE;
    } else if (step instanceof RotationStep.Fence) {
      sql = FENCE;
    } else if (step instanceof RotationStep.Detach) {
      sql = DETACH;
    } else {
      sql = DROP;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, step.partition());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return step instanceof RotationStep.Detach ? rs.getString(1) : "done";
      }
    }
  }

  private static String load(String name) {
    return SqlResource.load(QueuePartitions.class, name);
  }
}
