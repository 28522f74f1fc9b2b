-- Step 2 of 2 (V6 prepared it): the queue becomes a table list-partitioned by partition_id, as
-- GitLab's p_catalog_resource_sync_events, and the existing table, with every row it holds, becomes
-- its partition 1. One transaction; the exclusive lock it takes on the old table lasts only for
-- catalog changes (no scan, no index build: V6 did those), a few ms on a million rows
-- (docs/queue-partitioning.md). The name, the columns, the triggers and the publication's name stay,
-- so the host application, the topic contract and a running connector see no change.

-- Give up rather than queue behind a long transaction: a waiting lock request stalls the inserts
-- behind it. Flyway reports the failure; installing again retries.
SET LOCAL lock_timeout = '10s';
LOCK TABLE catalog_resource_sync_events IN ACCESS EXCLUSIVE MODE;

ALTER TABLE catalog_resource_sync_events RENAME TO catalog_resource_sync_events_1;
-- Its key on (id) alone gives way to (id, partition_id), on the index V6 built (no scan: both
-- columns are NOT NULL). The attach below adopts only an index that backs a key of its own.
ALTER TABLE catalog_resource_sync_events_1 DROP CONSTRAINT catalog_resource_sync_events_pkey;
ALTER TABLE catalog_resource_sync_events_1
    ADD CONSTRAINT catalog_resource_sync_events_1_pkey
        PRIMARY KEY USING INDEX catalog_resource_sync_events_1_pkey;
ALTER INDEX index_catalog_resource_sync_events_pending RENAME TO catalog_resource_sync_events_1_pending;

-- Which partitions exist and where each is in its life: a spare (created and attached, not yet
-- written to), active (new events go there), retired (a newer one is active), detached, until it is
-- dropped. Written only by the rotation functions (V8). Every enqueue reads the active partition
-- from it, so everyone who may update projects may read it.
CREATE TABLE catalog_sync_queue_partitions (
    partition_id bigint      PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    retired_at   timestamptz,
    -- WAL position taken once a retired partition had no pending row; it is detached only after
    -- the replication slot confirmed a position past it.
    fence_lsn    pg_lsn,
    detached_at  timestamptz
);
INSERT INTO catalog_sync_queue_partitions (partition_id, activated_at) VALUES (1, now());
GRANT SELECT ON catalog_sync_queue_partitions TO PUBLIC;

CREATE FUNCTION catalog_sync_active_queue_partition() RETURNS bigint
    LANGUAGE sql
    STABLE
AS
$$
SELECT max(partition_id) FROM catalog_sync_queue_partitions WHERE activated_at IS NOT NULL
$$;

-- GitLab's shape. The triggers name the partition themselves (below); the default serves any
-- other insert.
CREATE TABLE catalog_resource_sync_events (
    id                  bigint      NOT NULL DEFAULT nextval('catalog_resource_sync_events_id_seq'),
    catalog_resource_id bigint      NOT NULL,
    project_id          bigint      NOT NULL,
    partition_id        bigint      NOT NULL DEFAULT catalog_sync_active_queue_partition(),
    status              smallint    NOT NULL DEFAULT 1,
    name                character varying,
    description         text,
    visibility_level    integer,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, partition_id)
) PARTITION BY LIST (partition_id);
ALTER SEQUENCE catalog_resource_sync_events_id_seq OWNED BY catalog_resource_sync_events.id;
CREATE INDEX index_catalog_resource_sync_events_pending
    ON catalog_resource_sync_events (id) WHERE status = 1;
COMMENT ON COLUMN catalog_resource_sync_events.status IS
    '1 pending, 2 processed (GitLab''s values); written only by catalog-sync';

-- Adopts V6's (id, partition_id) index and the pending index instead of building them; V6's CHECK
-- spares the scan. After that the CHECK only costs every insert (see V3), so it goes.
ALTER TABLE catalog_resource_sync_events
    ATTACH PARTITION catalog_resource_sync_events_1 FOR VALUES IN (1);
ALTER TABLE catalog_resource_sync_events_1
    DROP CONSTRAINT catalog_resource_sync_events_1_partition_check;

-- Whoever was granted rights on the queue (the host application's user inserts through the
-- triggers, the streams app's user marks rows, the connector's user reads) keeps them: statements
-- now go through the new table, whose rights are checked instead.
DO
$$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT a.privilege_type,
               CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee
          FROM pg_class c, aclexplode(c.relacl) a
         WHERE c.oid = 'catalog_resource_sync_events_1'::regclass
           AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT %s ON catalog_resource_sync_events TO %s', g.privilege_type, g.grantee);
    END LOOP;
END
$$;

-- The triggers as before, plus the active partition: read in the same statement, no function call
-- per event (a projects update pays for every microsecond here).
CREATE OR REPLACE FUNCTION catalog_sync_enqueue_project_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO catalog_resource_sync_events
        (catalog_resource_id, project_id, partition_id, name, description, visibility_level)
    SELECT cr.id, NEW.id,
           (SELECT max(partition_id) FROM catalog_sync_queue_partitions WHERE activated_at IS NOT NULL),
           NEW.name, NEW.description, NEW.visibility_level
    FROM catalog_resources cr
    WHERE cr.project_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION catalog_sync_enqueue_resource_created() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO catalog_resource_sync_events
        (catalog_resource_id, project_id, partition_id, name, description, visibility_level)
    SELECT NEW.id, p.id,
           (SELECT max(partition_id) FROM catalog_sync_queue_partitions WHERE activated_at IS NOT NULL),
           p.name, p.description, p.visibility_level
    FROM (SELECT id, name, description, visibility_level
          FROM projects
          WHERE id = NEW.project_id
          FOR SHARE) p;
    RETURN NULL;
END;
$$;

-- Events of every partition are published as the parent's, under the name they always had, so the
-- connector's table list and the topic contract stay as they are.
ALTER PUBLICATION catalog_sync_publication SET (publish_via_partition_root = true);
DO
$$
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        ALTER PUBLICATION catalog_sync_publication SET TABLE
            catalog_resource_sync_events (id, catalog_resource_id, project_id, name, description,
                                          visibility_level, created_at),
            catalog_sync_heartbeat;
    ELSE
        ALTER PUBLICATION catalog_sync_publication SET TABLE
            catalog_resource_sync_events, catalog_sync_heartbeat;
    END IF;
END
$$;
