package dev.catalogsync.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What PostgreSQL says about a replication slot. */
final class Slots {
  private Slots() {}

  /** Whether the slot confirmed everything up to {@code lsn} (text form, e.g. 0/16B3748). */
  static boolean confirmedPast(Connection db, String slot, String lsn) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
      ps.setString(1, lsn);
      ps.setString(2, slot);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  static String currentWalLsn(Connection db) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT pg_current_wal_lsn()::text");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Drops an inactive slot so it does not hold WAL on the shared test server. */
  static void drop(Connection db, String slot) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = ? AND NOT active")) {
      ps.setString(1, slot);
      ps.executeQuery().close();
    }
  }
}
