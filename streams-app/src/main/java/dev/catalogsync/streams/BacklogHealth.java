package dev.catalogsync.streams;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether the pipeline keeps up, seen from the queue: with the flag on, nothing should stay pending
 * much longer than the reconciler's grace and interval, since the stream applies events at once and
 * the reconciler takes what CDC missed. A row older than two reconcile intervals means both are
 * failing to keep up. Read at most every few seconds: each read is a query.
 */
final class BacklogHealth implements AutoCloseable {
  private static final String OLDEST = Sql.load("oldest-pending.sql");
  private static final Duration FRESH = Duration.ofSeconds(5);

  private final ReusableConnection connection;
  private final Duration limit;
  private final BooleanSupplier flagOn;
  private Optional<String> last = Optional.empty();
  private long readAt;

  BacklogHealth(Database database, Duration reconcileInterval, BooleanSupplier flagOn) {
    this.connection = new ReusableConnection(database, "health");
    this.limit = reconcileInterval.multipliedBy(2);
    this.flagOn = flagOn;
  }

  /** Why the app is not keeping up; empty while it is, while the flag is off, or unknown. */
  synchronized Optional<String> problem() {
    if (readAt != 0 && System.nanoTime() - readAt < FRESH.toNanos()) {
      return last;
    }
    readAt = System.nanoTime();
    last = Optional.empty();
    if (!flagOn.getAsBoolean()) {
      return last; // events accumulate on purpose
    }
    try (PreparedStatement ps = connection.get().prepareStatement(OLDEST);
        ResultSet rs = ps.executeQuery()) {
      if (rs.next() && rs.getLong(1) > limit.toMillis()) {
        last =
            Optional.of(
                "the oldest pending sync event has waited "
                    + rs.getLong(1) / 1000
                    + " s, more than two reconcile intervals ("
                    + limit.toSeconds()
                    + " s): neither the stream nor the reconciler applies it");
      }
    } catch (SQLException e) {
      connection.drop(); // the writes' health tells about the database
    }
    return last;
  }

  @Override
  public synchronized void close() {
    connection.close();
  }
}
