-- Only one reconciler at a time across all instances; released when the transaction ends, so a
-- crashed instance never holds it. Parameter: the lock key.
SELECT pg_try_advisory_xact_lock(?)
