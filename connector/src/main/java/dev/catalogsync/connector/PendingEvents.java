package dev.catalogsync.connector;

import dev.catalogsync.core.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many events wait in the queue (status = 1), for health's words. Counted only up to a bound:
 * "more than 10000" says enough, and a backlog of millions would otherwise be read on every check.
 */
final class PendingEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PendingEvents.class);
  private static final String SQL = SqlResource.load(PendingEvents.class, "pending-events.sql");

  /** Counts beyond this are reported as "more than". */
  static final int BOUND = 10_000;

  private final ConnectorConfig config;

  PendingEvents(ConnectorConfig config) {
    this.config = config;
  }

  /** The count, at most {@link #BOUND} + 1; -1 when the database did not answer. */
  long count() {
    try (Connection c = SourceDatabase.connect(config, "pending-events");
        PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setInt(1, BOUND + 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      LOG.debug("pending events not counted: {}", e.getMessage());
      return -1;
    }
  }

  /** A count in words, e.g. "123 events" or "more than 10000 events". */
  static String describe(long count) {
    return (count > BOUND ? "more than " + BOUND : Long.toString(count)) + " events";
  }
}
