-- Catch-up, one window: the resources of the next pending queue rows older than the grace get
-- their projects' CURRENT rows, under the version guard. The queue rows are only read (the stream
-- marks them when CDC delivers them), so a pass over a backlog writes each resource once, and every
-- resource is equal to its project when the pass ends, however many events the backlog holds.
-- Parameters: the highest id of the previous window (0 at first), grace in milliseconds, window
-- size (queue rows), resources an earlier window could not lock (to try again).
--
-- Never waits for a row lock (SKIP LOCKED), like the reconciler: a resource whose row or project
-- row is locked right now comes back in `skipped`, for the next round to try again. Resources
-- already at the version are not locked again.
--
-- Version: the newest queue id this statement can see, of any resource; why that is safe is in
-- reconcile-batch.sql. Every event of a resource up to it carries values no newer than what is
-- written here, so the guard turns them away when CDC delivers them later.
WITH queued AS (
    SELECT id, catalog_resource_id
      FROM catalog_resource_sync_events
     WHERE status = 1
       AND id > ?
       AND created_at < now() - (?::double precision) * interval '1 millisecond'
     ORDER BY id
     LIMIT ?
),
version (id) AS (
    SELECT max(id) FROM catalog_resource_sync_events
),
-- The window's resources and the ones to try again that are not at the version yet, read without
-- a lock: what the locking read below does not return was locked by someone else (or has lost its
-- project). One array each time, so the primary key serves the lookup however many rows the
-- planner expects (statistics from before a backlog expect none).
wanted AS (
    SELECT c.id
      FROM catalog_resources c
     WHERE c.id = ANY (ARRAY(SELECT DISTINCT catalog_resource_id FROM queued) || ?::bigint[])
       AND c.sync_version < (SELECT id FROM version)
),
locked AS (
    SELECT c.id, p.name, p.description, p.visibility_level
      FROM catalog_resources c
      JOIN projects p ON p.id = c.project_id
     WHERE c.id = ANY (ARRAY(SELECT id FROM wanted))
       AND c.sync_version < (SELECT id FROM version)
       FOR NO KEY UPDATE OF c SKIP LOCKED
       FOR SHARE OF p SKIP LOCKED
),
applied AS (
    UPDATE catalog_resources c
       SET name             = t.name,
           description      = t.description,
           visibility_level = t.visibility_level,
           sync_version     = v.id,
           synced_at        = now()
      FROM locked t, version v
     WHERE c.id = t.id
       AND c.sync_version < v.id
    RETURNING c.id
)
SELECT (SELECT count(*) FROM queued)            AS window_rows,
       (SELECT COALESCE(max(id), 0) FROM queued) AS last_id,
       (SELECT count(*) FROM applied)           AS rows_written,
       ARRAY(SELECT id FROM wanted EXCEPT SELECT id FROM locked) AS skipped
