-- The walsender streaming from our slot right now, if any. Debezium only attaches once the
-- replication stream has started, so a new pid here tells start() that changes from now on are
-- captured (a pid that was there before our engine started belongs to someone else).
SELECT active_pid
FROM pg_replication_slots
WHERE slot_name = ?
  AND database = ?
