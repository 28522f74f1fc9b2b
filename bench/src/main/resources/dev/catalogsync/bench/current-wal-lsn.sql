-- Where the WAL ends now, to wait until the replication slot has read up to here.
SELECT pg_current_wal_lsn()::text
