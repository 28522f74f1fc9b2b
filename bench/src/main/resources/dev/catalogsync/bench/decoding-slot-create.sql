-- A slot of our own for measuring PostgreSQL's logical decoding alone: created before the backlog
-- is written, so it decodes exactly the WAL the connector's slot does. Parameter: slot name.
SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')
