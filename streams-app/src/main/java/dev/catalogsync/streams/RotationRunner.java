package dev.catalogsync.streams;

import dev.catalogsync.streams.queue.QueueRotation;
import java.sql.SQLException;

/** Runs the queue's rotation on its own connection, one run per reconcile tick. */
final class RotationRunner implements AutoCloseable {
  private final ReusableConnection connection;
  private final QueueRotation rotation;

  RotationRunner(Database database, StreamsAppConfig.Queue settings) {
    this.connection = new ReusableConnection(database, "rotation");
    this.rotation = new QueueRotation(settings.policy(), settings.slot());
  }

  /** One run; throws when the database fails (the caller logs and tries again next tick). */
  void run() throws SQLException {
    try {
      rotation.run(connection.get());
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
