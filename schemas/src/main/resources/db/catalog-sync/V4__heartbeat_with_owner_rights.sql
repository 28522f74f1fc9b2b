-- The connector's user should need no more than a DBA gives a CDC tool: REPLICATION, SELECT on the
-- published tables, EXECUTE on the heartbeat (issue 17). The heartbeat ran with the caller's rights,
-- so such a user got "permission denied for table catalog_sync_heartbeat" on every beat and the slot
-- stopped advancing while the queue was quiet. It now runs with its owner's rights: the user who
-- installed catalog-sync and owns the table (CREATE OR REPLACE keeps the owner V1 gave it).
--
-- A SECURITY DEFINER function must not look names up where a caller can create objects, so its
-- search_path is pinned: pg_catalog first, then the schema catalog-sync is installed into (Flyway's
-- default schema, where V1 created the table), and pg_temp last, so a caller's temporary table named
-- catalog_sync_heartbeat cannot stand in for ours. Behaviour unchanged: one row, and only the
-- INSERT is published.
CREATE OR REPLACE FUNCTION catalog_sync_heartbeat() RETURNS void
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp
AS
$$
DELETE FROM catalog_sync_heartbeat;
INSERT INTO catalog_sync_heartbeat (id, beat_at) VALUES (1, now());
$$;

-- Every function is executable by PUBLIC by default; one running with its owner's rights should be
-- callable only by those it is granted to. The connector's user needs:
--   GRANT EXECUTE ON FUNCTION catalog_sync_heartbeat() TO catalog_sync_connector;
-- (the owner and superusers keep calling it without a grant).
REVOKE EXECUTE ON FUNCTION catalog_sync_heartbeat() FROM PUBLIC;
