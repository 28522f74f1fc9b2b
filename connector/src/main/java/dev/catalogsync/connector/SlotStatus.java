package dev.catalogsync.connector;

/**
 * How our replication slot stands, as PostgreSQL reports it.
 *
 * @param walStatus reserved, extended, unreserved or lost; null while there is no slot (or it is
 *     not known: the database did not answer)
 * @param retainedBytes WAL the slot holds back from removal; -1 when not known (a lost slot)
 * @param maxKeepBytes the server's max_slot_wal_keep_size in bytes; -1 when unlimited or unknown
 * @param confirmedLsn the slot's confirmed_flush_lsn as a number (how far the connector confirmed
 *     the stream); -1 when not known
 */
record SlotStatus(String walStatus, long retainedBytes, long maxKeepBytes, long confirmedLsn) {
  static final SlotStatus UNKNOWN = new SlotStatus(null, -1, -1, -1);

  boolean lost() {
    return "lost".equals(walStatus);
  }

  /** The wal_status as a number for a gauge: 0 reserved, 1 extended, 2 unreserved, 3 lost. */
  double walStatusCode() {
    if (walStatus == null) {
      return Double.NaN;
    }
    return switch (walStatus) {
      case "reserved" -> 0;
      case "extended" -> 1;
      case "unreserved" -> 2;
      case "lost" -> 3;
      default -> Double.NaN;
    };
  }
}
