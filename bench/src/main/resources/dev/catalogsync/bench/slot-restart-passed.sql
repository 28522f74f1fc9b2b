-- Whether a restart of the connector's slot would begin decoding at or after an LSN: restart_lsn,
-- not confirmed_flush_lsn, is where the server starts reading WAL again. Parameters: LSN, slot name.
SELECT coalesce(bool_and(restart_lsn >= ?::pg_lsn), false)
  FROM pg_replication_slots
 WHERE slot_name = ?
