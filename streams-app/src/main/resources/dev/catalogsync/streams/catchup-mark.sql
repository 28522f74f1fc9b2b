-- Catch-up, second pass, one window: the next pending queue rows older than the grace are marked
-- processed where their resource already holds their state or a newer one (its sync_version is at
-- least their id: the first pass, or the stream, wrote it), or where the resource or its project
-- is gone (nothing to copy). The others stay pending for the stream or the next round.
-- Parameters: the highest id of the previous window (0 at first), grace in milliseconds, window
-- size (queue rows).
--
-- Never waits for a row lock: queue rows locked right now (the stream marking them) are skipped;
-- resources and projects are only read, and a write in flight there makes a row look not covered
-- yet, never covered too early.
WITH queued AS (
    SELECT id, catalog_resource_id
      FROM catalog_resource_sync_events
     WHERE status = 1
       AND id > ?
       AND created_at < now() - (?::double precision) * interval '1 millisecond'
     ORDER BY id
     LIMIT ?
     FOR UPDATE SKIP LOCKED
),
covered AS (
    SELECT q.id
      FROM queued q
      LEFT JOIN catalog_resources c ON c.id = q.catalog_resource_id
      LEFT JOIN projects p ON p.id = c.project_id
     WHERE q.id <= c.sync_version
        OR p.id IS NULL
),
marked AS (
    UPDATE catalog_resource_sync_events e
       SET status = 2,
           updated_at = now()
     -- one array value, so the primary key serves the lookup (as in apply-batch.sql)
     WHERE e.id = ANY (ARRAY(SELECT id FROM covered))
    RETURNING e.id
)
SELECT (SELECT count(*) FROM queued)            AS window_rows,
       (SELECT COALESCE(max(id), 0) FROM queued) AS last_id,
       (SELECT count(*) FROM marked)            AS rows_marked
