-- Whether the connector's slot has confirmed everything up to an LSN. Parameters: LSN, slot name.
SELECT coalesce(bool_and(confirmed_flush_lsn >= ?::pg_lsn), false)
  FROM pg_replication_slots
 WHERE slot_name = ?
