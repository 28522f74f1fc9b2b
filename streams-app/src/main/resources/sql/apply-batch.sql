-- One round trip per batch of coalesced states: one state per catalog resource, the newest event's.
-- Parameters: resource ids, event ids, names, descriptions, visibility levels (parallel arrays),
-- then the ids of every queue row the batch covers.
-- Version guard: a row is only written when the event is newer than the state it holds, so an
-- older or replayed state never overwrites a newer one. UPDATE only: a deleted resource stays deleted.
-- The covered queue rows are marked processed by primary key, whether or not a row was written
-- (orphans: the resource is gone, the events are consumed and nothing else happens).
-- One statement, so the write and the marking commit together. The database's clock comes back so
-- the app can tell how far behind the source it is without trusting its own clock.
WITH v (id, event_id, name, description, visibility_level) AS (
    SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::integer[])
),
applied AS (
    UPDATE catalog_resources c
       SET name             = v.name,
           description      = v.description,
           -- the column is NOT NULL; an event without a level keeps the current one
           visibility_level = COALESCE(v.visibility_level, c.visibility_level),
           sync_version     = v.event_id,
           synced_at        = now()
      FROM v
     WHERE c.id = v.id
       AND c.sync_version < v.event_id
    RETURNING c.id
),
marked AS (
    UPDATE catalog_resource_sync_events e
       SET status = 2,
           updated_at = now()
     WHERE e.id = ANY (?::bigint[])
       AND e.status = 1
    RETURNING e.id
)
SELECT (SELECT count(*) FROM applied) AS rows_written,
       (SELECT count(*) FROM marked)  AS events_processed,
       (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS database_time_ms
