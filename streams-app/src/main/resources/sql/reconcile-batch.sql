-- One reconcile batch: the oldest pending queue rows that have waited longer than the grace period
-- (the stream should have applied them by now: their events never reached Kafka or were lost).
-- The event carries a snapshot that may be stale, so the resource gets its project's CURRENT row,
-- under the same version guard as the stream (sync_version := newest event id covered).
-- Parameters: grace in milliseconds, batch size.
WITH batch AS (
    SELECT id, catalog_resource_id
      FROM catalog_resource_sync_events
     WHERE status = 1
       AND created_at < now() - (?::double precision) * interval '1 millisecond'
     ORDER BY id
     LIMIT ?
     FOR UPDATE SKIP LOCKED
),
per_resource AS (
    SELECT catalog_resource_id AS id, max(id) AS event_id
      FROM batch
     GROUP BY catalog_resource_id
),
applied AS (
    UPDATE catalog_resources c
       SET name             = p.name,
           description      = p.description,
           visibility_level = p.visibility_level,
           sync_version     = r.event_id,
           synced_at        = now()
      FROM per_resource r, projects p
     WHERE c.id = r.id
       AND p.id = c.project_id
       AND c.sync_version < r.event_id
    RETURNING c.id
),
marked AS (
    UPDATE catalog_resource_sync_events e
       SET status = 2,
           updated_at = now()
      FROM batch b
     WHERE e.id = b.id
    RETURNING e.id
)
SELECT (SELECT count(*) FROM batch)   AS consumable_events,
       (SELECT count(*) FROM marked)  AS processed_events,
       (SELECT count(*) FROM applied) AS rows_written
