-- Drops our slot once PostgreSQL has invalidated it (wal_status lost): it can never stream again,
-- and Debezium creates a new one when the engine starts. Only a lost, inactive slot is dropped.
SELECT pg_drop_replication_slot(slot_name)
FROM pg_replication_slots
WHERE slot_name = ?
  AND database = ?
  AND wal_status = 'lost'
  AND NOT active
