-- One reconcile batch: the oldest pending queue rows that have waited longer than the grace period
-- (the stream should have applied them by now: their events never reached Kafka or were lost).
-- The event carries a snapshot that may be stale, so the resource gets its project's CURRENT row.
-- Parameters: grace in milliseconds, batch size.
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
-- The batch's rows whose resource this statement could lock and whose project it could read; a
-- resource with many events in the batch (Zipf keys) is locked once and comes back once per event.
-- Joined from the batch to the tables by their keys, never one CTE to another: with statistics
-- from before a backlog (no pending rows seen), the planner takes every CTE for one row and joined
-- two by nested loops, which made one 10,000-row batch take seconds instead of 0.2 s.
locked AS (
    SELECT b.id AS event_id, c.id AS resource_id, p.name, p.description, p.visibility_level
      FROM batch b
      JOIN catalog_resources c ON c.id = b.catalog_resource_id
      JOIN projects p ON p.id = c.project_id
       FOR NO KEY UPDATE OF c SKIP LOCKED
       FOR SHARE OF p SKIP LOCKED
),
version (id) AS (
    SELECT max(id) FROM catalog_resource_sync_events
),
applied AS (
    UPDATE catalog_resources c
       SET name             = t.name,
           description      = t.description,
           visibility_level = t.visibility_level,
           sync_version     = v.id,
           synced_at        = now()
      -- one write per resource, however many of its events the batch holds
      FROM (SELECT DISTINCT ON (resource_id) resource_id, name, description, visibility_level
              FROM locked) t,
           version v
     WHERE c.id = t.resource_id
       AND c.sync_version < v.id
    RETURNING c.id
),
-- Rows whose resource or project is gone: nothing to copy, done. A resource that exists but is
-- locked right now is not one of them: its rows stay pending.
orphans AS (
    SELECT b.id
      FROM batch b
     WHERE NOT EXISTS (SELECT 1
                         FROM catalog_resources c
                         JOIN projects p ON p.id = c.project_id
                        WHERE c.id = b.catalog_resource_id)
),
-- Rows that are done: their resource was locked and its project read (written, or already newer),
-- or they are orphans.
marked AS (
    UPDATE catalog_resource_sync_events e
       SET status = 2,
           updated_at = now()
     WHERE e.id IN (SELECT event_id FROM locked UNION ALL SELECT id FROM orphans)
    RETURNING e.id
)
SELECT (SELECT count(*) FROM batch)   AS consumable_events,
       (SELECT count(*) FROM marked)  AS processed_events,
       (SELECT count(*) FROM applied) AS rows_written
