package dev.catalogsync.streams;

import dev.catalogsync.streams.verify.ContinuousVerifier;
import java.sql.SQLException;

/** Runs continuous verification on its own connection and reports each tick to the metrics. */
final class VerifyRunner implements AutoCloseable {
  private final ReusableConnection connection;
  private final ContinuousVerifier verifier;
  private final SyncMetrics metrics;

  VerifyRunner(Database database, StreamsAppConfig.Verify settings, SyncMetrics metrics) {
    this.connection = new ReusableConnection(database, "verify");
    this.verifier = new ContinuousVerifier(settings);
    this.metrics = metrics;
  }

  /** One tick; throws when the database fails (the caller logs and tries again next tick). */
  void run() throws SQLException {
    try {
      metrics.verified(verifier.tick(connection.get()));
    } catch (SQLException | RuntimeException e) {
      connection.drop();
      throw e;
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
