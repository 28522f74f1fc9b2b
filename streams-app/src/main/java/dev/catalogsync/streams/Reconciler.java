package dev.catalogsync.streams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what the stream did not: queue rows pending for longer than the grace period (their
 * events never reached Kafka, or CDC is down). Each batch is one transaction holding a
 * transaction-scoped advisory lock, so at most one instance reconciles at a time and a crash
 * releases the lock with the transaction. Batches run in id order until the backlog is empty or the
 * time budget is spent; the rest waits for the next run.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final String FIGURES = Sql.load("reconcile-figures.sql");

  /** Advisory lock key: fixed, so every instance and version of the app contends for the same. */
  public static final long LOCK_KEY = 0x6361_7473_796e_6301L; // "catsync" + 1

  private final StreamsAppConfig.Reconcile settings;
  private final LongSupplier clockMillis;
  private final ReusableConnection connection;

  public Reconciler(Database database, StreamsAppConfig.Reconcile settings) {
    this(database, settings, System::currentTimeMillis);
  }

  Reconciler(Database database, StreamsAppConfig.Reconcile settings, LongSupplier clockMillis) {
    this.settings = settings;
    this.clockMillis = clockMillis;
    this.connection = new ReusableConnection(database, "reconcile");
  }

  /** One run; throws when the database fails (the caller logs and tries again next tick). */
  public ReconcileResult run() throws SQLException {
    long started = clockMillis.getAsLong();
    long budget = settings.timeBudget().toMillis();
    try {
      Connection c = connection.get();
      long estimated = estimatedTotal(c);
      if (estimated == 0) {
        LOG.debug("reconcile: estimated_total_events=0 consumable_events=0 processed_events=0");
        return new ReconcileResult(0, 0, 0, 0, true);
      }
      long consumable = 0;
      long processed = 0;
      long written = 0;
      while (true) {
        ReconcileBatch.Result batch = ReconcileBatch.run(c, settings.grace(), settings.batchSize());
        if (batch == null) {
          LOG.debug("reconcile: another instance holds the lock, skipping this run");
          return ReconcileResult.skipped();
        }
        consumable += batch.consumable();
        processed += batch.processed();
        written += batch.written();
        // Rows left for a locked resource come first again: only go on while batches settle some.
        boolean backlogLeft = batch.consumable() == settings.batchSize() && batch.processed() > 0;
        if (!backlogLeft || clockMillis.getAsLong() - started >= budget) {
          break;
        }
      }
      ReconcileResult result = new ReconcileResult(estimated, consumable, processed, written, true);
      SyncMetrics.global().reconciled(result);
      if (consumable > 0) {
        LOG.info(
            "reconcile: estimated_total_events={} consumable_events={} processed_events={}"
                + " rows_written={}",
            estimated,
            consumable,
            processed,
            written);
      }
      return result;
    } catch (SQLException e) {
      connection.drop();
      throw e;
    }
  }

  private static long estimatedTotal(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FIGURES);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
