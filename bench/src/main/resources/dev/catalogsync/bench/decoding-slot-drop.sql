-- Drops the measuring slot if it is there and no longer in use (a slot left behind would keep WAL
-- forever). Returns how many slots were dropped. Parameter: slot name.
SELECT count(pg_drop_replication_slot(slot_name))
  FROM pg_replication_slots
 WHERE slot_name = ? AND NOT active
