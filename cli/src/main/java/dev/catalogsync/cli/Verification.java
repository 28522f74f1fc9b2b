package dev.catalogsync.cli;

import dev.catalogsync.core.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Compares every catalog resource's synced columns with its project's, in keyset batches. A
 * resource that differs while a sync event younger than the grace is pending for it is in flight,
 * not drifted: it is compared again once the grace has passed, and only reported if it still
 * differs with nothing newer on its way.
 */
final class Verification {
  private static final String BATCH = SqlResource.load(Verification.class, "verify-batch.sql");

  /**
   * What a pass found.
   *
   * @param checked resources compared
   * @param drifts those that differ from their project, in id order
   * @param changing those that still had a sync event in flight when compared again
   */
  record Result(long checked, List<Drift> drifts, long changing) {
    Result {
      drifts = List.copyOf(drifts);
    }
  }

  private final Connection db;
  private final int batchSize;
  private final Duration grace;

  Verification(Connection db, int batchSize, Duration grace) {
    this.db = db;
    this.batchSize = batchSize;
    this.grace = grace;
  }

  /** The pass; {@code progress} hears the number of resources compared after each batch. */
  Result run(LongConsumer progress) throws SQLException, InterruptedException {
    Batches pass = compare(List.of(), progress);
    if (pass.inFlight.isEmpty()) {
      return new Result(pass.checked, pass.drifts, 0);
    }
    Thread.sleep(grace.toMillis());
    Batches again = compare(pass.inFlight, n -> {});
    List<Drift> drifts = new ArrayList<>(pass.drifts);
    drifts.addAll(again.drifts);
    drifts.sort((a, b) -> Long.compare(a.resourceId(), b.resourceId()));
    return new Result(pass.checked, drifts, again.inFlight.size());
  }

  /** Compared, drifted, and in flight, over all resources or the given ones. */
  private record Batches(long checked, List<Drift> drifts, List<Long> inFlight) {}

  private Batches compare(Collection<Long> only, LongConsumer progress) throws SQLException {
    Array ids = db.createArrayOf("bigint", only.toArray());
    long checked = 0;
    long after = 0;
    List<Drift> drifts = new ArrayList<>();
    List<Long> inFlight = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(BATCH)) {
      while (true) {
        ps.setLong(1, after);
        ps.setArray(2, ids);
        ps.setArray(3, ids);
        ps.setInt(4, batchSize);
        ps.setDouble(5, grace.toMillis());
        long inBatch = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inBatch = rs.getLong(1);
            after = rs.getLong(2);
            long resource = rs.getLong(3);
            if (rs.wasNull()) {
              continue; // the batch's counts only: nothing differs in it
            }
            if (rs.getBoolean(11)) {
              inFlight.add(resource);
              continue;
            }
            drifts.add(
                new Drift(
                    resource,
                    rs.getLong(4),
                    Drift.compare(
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        (Integer) rs.getObject(9),
                        (Integer) rs.getObject(10))));
          }
        }
        if (inBatch == 0) {
          return new Batches(checked, drifts, inFlight);
        }
        checked += inBatch;
        progress.accept(checked);
      }
    }
  }
}
