package dev.catalogsync.connector;

import dev.catalogsync.core.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks PostgreSQL which process streams from our replication slot. The engine's own callbacks fire
 * before the replication connection is attached, and a change committed in between would be missed
 * on the very first start, so "streaming" is read from the server itself. Debezium names every
 * replication connection alike, so the caller compares pids from before and after its engine
 * started.
 */
public final class SlotProbe {
  private static final Logger LOG = LoggerFactory.getLogger(SlotProbe.class);
  private static final String SQL = load("slot-streaming.sql");

  private final ConnectorConfig config;

  /** Whether any process streams from the slot, e.g. for tests waiting on a child process. */
  public boolean streaming() {
    return activePid() != null;
  }

  public SlotProbe(ConnectorConfig config) {
    this.config = config;
  }

  /** The pid of the walsender holding the slot; null when none, or the database is unreachable. */
  public Integer activePid() {
    try (Connection c = SourceDatabase.connect(config, "probe");
        PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setString(1, config.slot());
      ps.setString(2, config.database().database());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? (Integer) rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      LOG.debug("slot probe failed: {}", e.getMessage());
      return null;
    }
  }

  private static String load(String name) {
    return SqlResource.load(SlotProbe.class, name);
  }
}
