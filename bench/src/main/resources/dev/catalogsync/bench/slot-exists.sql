-- Whether a replication slot is there. Parameter: slot name.
SELECT count(*) > 0 FROM pg_replication_slots WHERE slot_name = ?
