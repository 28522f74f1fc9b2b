-- Step 1 of 2: the queue becomes GitLab's list-partitioned shape (issue 19), on a live database,
-- without losing a pending row. The existing table becomes partition 1 in V7, under a lock that
-- must stay short because every projects update that enqueues an event waits on it. Whatever would
-- make that lock long is done here first, outside a transaction (V6__...sql.conf), so projects
-- updates go on meanwhile. docs/queue-partitioning.md has the measured lock times.
--
-- If this step fails half way, Flyway records it as failed: run `flyway repair` (or delete the
-- failed row from catalog_sync_schema_history) and install again; every statement can run twice.

-- Give up rather than queue behind a long transaction: a waiting lock request stalls the inserts
-- behind it.
SET lock_timeout = '10s';

-- Every row has partition_id 1 (the column's default; nothing sets it). A valid CHECK that says so
-- lets V7 attach the table without scanning it (bigint against bigint: with the integer 1 the
-- proof fails and the attach scans every row under the lock). NOT VALID adds it without a scan (a lock of a few
-- ms); VALIDATE then scans while inserts go on (SHARE UPDATE EXCLUSIVE does not block them).
ALTER TABLE catalog_resource_sync_events
    DROP CONSTRAINT IF EXISTS catalog_resource_sync_events_1_partition_check;
ALTER TABLE catalog_resource_sync_events
    ADD CONSTRAINT catalog_resource_sync_events_1_partition_check CHECK (partition_id = 1::bigint) NOT VALID;
ALTER TABLE catalog_resource_sync_events
    VALIDATE CONSTRAINT catalog_resource_sync_events_1_partition_check;

-- A partitioned table's primary key must contain the partition key: (id, partition_id). Built
-- concurrently now, V7's attach adopts it instead of building it under the lock. A build that
-- failed before leaves an invalid index of that name behind, hence the drop.
DROP INDEX CONCURRENTLY IF EXISTS catalog_resource_sync_events_1_pkey;
CREATE UNIQUE INDEX CONCURRENTLY catalog_resource_sync_events_1_pkey
    ON catalog_resource_sync_events (id, partition_id);

RESET lock_timeout;
