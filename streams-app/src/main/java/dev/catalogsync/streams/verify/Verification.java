package dev.catalogsync.streams.verify;

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
 * Compares catalog resources' synced columns with their projects', in keyset batches. A resource
 * that differs while a sync event younger than the grace is pending for it is in flight, not
 * drifted: a full pass compares it again once the grace has passed, and only reports it if it still
 * differs with nothing newer on its way.
 */
public final class Verification {
  private static final String BATCH = SqlResource.load(Verification.class, "verify-batch.sql");

  /**
   * What a full pass found.
   *
   * @param checked resources compared
   * @param drifts those that differ from their project, in id order
   * @param changing those that still had a sync event in flight when compared again
   */
  public record Result(long checked, List<Drift> drifts, long changing) {
    public Result {
      drifts = List.copyOf(drifts);
    }
  }

  /**
   * One batch.
   *
   * @param checked resources compared; 0 once the ids are exhausted
   * @param lastId where the next batch starts
   * @param drifts those that differ, with nothing in flight for them
   * @param inFlight those that differ while an event younger than the grace is pending for them
   */
  public record Batch(long checked, long lastId, List<Drift> drifts, List<Long> inFlight) {
    public Batch {
      drifts = List.copyOf(drifts);
      inFlight = List.copyOf(inFlight);
    }
  }

  private final Connection db;
  private final int batchSize;
  private final Duration grace;

  public Verification(Connection db, int batchSize, Duration grace) {
    this.db = db;
    this.batchSize = batchSize;
    this.grace = grace;
  }

  /** The full pass; {@code progress} hears the number of resources compared after each batch. */
  public Result run(LongConsumer progress) throws SQLException, InterruptedException {
    Pass pass = compare(List.of(), progress);
    if (pass.inFlight.isEmpty()) {
      return new Result(pass.checked, pass.drifts, 0);
    }
    Thread.sleep(grace.toMillis());
    Pass again = compare(pass.inFlight, n -> {});
    List<Drift> drifts = new ArrayList<>(pass.drifts);
    drifts.addAll(again.drifts);
    drifts.sort((a, b) -> Long.compare(a.resourceId(), b.resourceId()));
    return new Result(pass.checked, drifts, again.inFlight.size());
  }

  /** The next batch of resources after {@code afterId}, among {@code only} (empty: all). */
  public Batch next(long afterId, Collection<Long> only) throws SQLException {
    Array ids = db.createArrayOf("bigint", only.toArray());
    List<Drift> drifts = new ArrayList<>();
    List<Long> inFlight = new ArrayList<>();
    long checked = 0;
    long lastId = afterId;
    try (PreparedStatement ps = db.prepareStatement(BATCH)) {
      ps.setLong(1, afterId);
      ps.setArray(2, ids);
      ps.setArray(3, ids);
      ps.setInt(4, batchSize);
      ps.setDouble(5, grace.toMillis());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          checked = rs.getLong(1);
          lastId = checked == 0 ? afterId : rs.getLong(2);
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
    }
    return new Batch(checked, lastId, drifts, inFlight);
  }

  /** Compared, drifted, and in flight, over all resources or the given ones. */
  private record Pass(long checked, List<Drift> drifts, List<Long> inFlight) {}

  private Pass compare(Collection<Long> only, LongConsumer progress) throws SQLException {
    long checked = 0;
    long after = 0;
    List<Drift> drifts = new ArrayList<>();
    List<Long> inFlight = new ArrayList<>();
    for (Batch batch = next(after, only); batch.checked() > 0; batch = next(after, only)) {
      checked += batch.checked();
      after = batch.lastId();
      drifts.addAll(batch.drifts());
      inFlight.addAll(batch.inFlight());
      progress.accept(checked);
    }
    return new Pass(checked, drifts, inFlight);
  }
}
