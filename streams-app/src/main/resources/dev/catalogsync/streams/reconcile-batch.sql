-- One reconcile batch: the oldest pending queue rows that have waited longer than the grace period
-- (the stream should have applied them by now: their events never reached Kafka or were lost).
-- The event carries a snapshot that may be stale, so the resource gets its project's CURRENT row.
-- Parameters: grace in milliseconds, batch size.
-- The catch-up (CatchUp) runs the same batch with a grace of seconds while the stream is far behind:
-- the version below is what makes its race with the events CDC still delivers safe.
--
-- The reconciler never waits for a row lock (every lock is SKIP LOCKED), so it can never be part
-- of a deadlock, with the stream's batch write or with the host application. A resource whose row
-- or project row is locked right now is left pending for the next run.
--
-- Version: the newest queue id this statement can see, of any resource. Every path that enqueues
-- an event for a resource holds its project row's lock while it takes the id. So an event this
-- statement cannot see is either still holding that lock (the resource is skipped), committed
-- before the lock here was taken (the locking read returns its values), or takes its id after
-- this commits (a higher id). Every event up to the version thus carries values no newer than
-- what is written here, and the guard turns it away if it arrives later. Recording only the
-- batch's newest id let an older event in flight write its older values back.
WITH batch AS (
    SELECT id, catalog_resource_id
      FROM catalog_resource_sync_events
     WHERE status = 1
       AND created_at < now() - (?::double precision) * interval '1 millisecond'
     ORDER BY id
     LIMIT ?
     FOR UPDATE SKIP LOCKED
),
resources AS (
    SELECT c.id, c.project_id
      FROM catalog_resources c
     WHERE c.id IN (SELECT catalog_resource_id FROM batch)
     FOR NO KEY UPDATE SKIP LOCKED
),
sources AS (
    SELECT p.id, p.name, p.description, p.visibility_level
      FROM projects p
     WHERE p.id IN (SELECT project_id FROM resources)
     FOR SHARE SKIP LOCKED
),
version (id) AS (
    SELECT max(id) FROM catalog_resource_sync_events
),
applied AS (
    UPDATE catalog_resources c
       SET name             = s.name,
           description      = s.description,
           visibility_level = s.visibility_level,
           sync_version     = v.id,
           synced_at        = now()
      FROM resources r, sources s, version v
     WHERE c.id = r.id
       AND s.id = r.project_id
       AND c.sync_version < v.id
    RETURNING c.id
),
-- Rows that are done: their resource was locked and its project read (written, or already newer),
-- or the resource or its project is gone (an orphan: nothing to copy).
settled AS (
    SELECT b.id
      FROM batch b
     WHERE EXISTS (SELECT 1
                     FROM resources r
                     JOIN sources s ON s.id = r.project_id
                    WHERE r.id = b.catalog_resource_id)
        OR NOT EXISTS (SELECT 1
                         FROM catalog_resources c
                         JOIN projects p ON p.id = c.project_id
                        WHERE c.id = b.catalog_resource_id)
),
marked AS (
    UPDATE catalog_resource_sync_events e
       SET status = 2,
           updated_at = now()
      FROM settled s
     WHERE e.id = s.id
    RETURNING e.id
)
SELECT (SELECT count(*) FROM batch)   AS consumable_events,
       (SELECT count(*) FROM marked)  AS processed_events,
       (SELECT count(*) FROM applied) AS rows_written
