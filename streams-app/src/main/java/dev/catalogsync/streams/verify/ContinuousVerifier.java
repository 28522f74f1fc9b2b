package dev.catalogsync.streams.verify;

import dev.catalogsync.core.SqlResource;
import dev.catalogsync.streams.StreamsAppConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous verification: each tick compares one batch of resources with their projects, going on
 * from a cursor kept in the database, so a pass survives restarts and moves between instances.
 * Drift is what differs with no event in flight; with {@code verify.repair} each drifted resource
 * gets a sync event with its project's current values, which takes the pipeline's guarded path.
 */
public final class ContinuousVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(ContinuousVerifier.class);
  private static final String READ = SqlResource.load(ContinuousVerifier.class, "cursor-read.sql");
  private static final String ADVANCE =
      SqlResource.load(ContinuousVerifier.class, "cursor-advance.sql");

  /**
   * What one tick did.
   *
   * @param checked resources compared
   * @param drifted those found drifted
   * @param repaired sync events enqueued for them
   * @param lastFullPassMillis when the last full pass ended (epoch ms), -1 before the first
   */
  public record Tick(long checked, int drifted, int repaired, long lastFullPassMillis) {}

  private final StreamsAppConfig.Verify settings;

  public ContinuousVerifier(StreamsAppConfig.Verify settings) {
    this.settings = settings;
  }

  /** One batch in its own transaction; throws when the database fails (tried again next tick). */
  public Tick tick(Connection db) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      long after = cursor(db);
      Verification.Batch batch =
          new Verification(db, settings.batchSize(), settings.grace()).next(after, List.of());
      int repaired = 0;
      if (!batch.drifts().isEmpty()) {
        List<Long> ids = batch.drifts().stream().map(Drift::resourceId).toList();
        LOG.warn(
            "verify: {} resources differ from their projects with no event in flight{}: {}",
            ids.size(),
            settings.repair() ? ", enqueuing their projects' current values" : "",
            batch.drifts().stream().limit(5).map(Drift::describe).toList());
        if (settings.repair()) {
          try (SyncEventEnqueuer enqueuer = new SyncEventEnqueuer(db)) {
            repaired = enqueuer.nextBatch(0, ids, ids.size()).size();
          }
        }
      }
      boolean passEnded = batch.checked() == 0;
      long lastFullPass = advance(db, batch.lastId(), passEnded);
      db.commit();
      return new Tick(batch.checked(), batch.drifts().size(), repaired, lastFullPass);
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  private static long cursor(Connection db) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(READ);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException(
            "catalog_sync_verify_cursor has no row: install the catalog-sync schema (V5)");
      }
      return rs.getLong(1);
    }
  }

  private static long advance(Connection db, long lastId, boolean passEnded) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(ADVANCE)) {
      ps.setBoolean(1, passEnded);
      ps.setLong(2, lastId);
      ps.setBoolean(3, passEnded);
      ps.setBoolean(4, passEnded);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long at = rs.getLong(1);
        return rs.wasNull() ? -1 : at;
      }
    }
  }
}
