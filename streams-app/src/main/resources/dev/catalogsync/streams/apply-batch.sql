-- One round trip per batch of coalesced states: one state per catalog resource, the newest event's.
-- Parameters: resource ids, event ids, names, descriptions, visibility levels (parallel arrays),
-- then the ids of every queue row the batch covers.
-- Version guard: a row is only written when the event is newer than the state it holds, so an
-- older or replayed state never overwrites a newer one. UPDATE only: a deleted resource stays deleted.
-- The covered queue rows are marked processed by primary key, whether or not a row was written
-- (orphans: the resource is gone, the events are consumed and nothing else happens).
-- One statement, so the write and the marking commit together. The database's clock comes back so
-- the app can tell how far behind the source it is without trusting its own clock.
-- PostgreSQL writes a commit to the WAL before the committing session makes it visible, so CDC can
-- deliver an event whose queue row this statement cannot see yet. Only when fewer rows were marked
-- than sent, the ids no row is visible for come back (not_visible) for the app to mark again, and
-- the resources such a transaction created (not_visible_resources) for it to write again.
WITH v (id, event_id, name, description, visibility_level) AS (
    SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::integer[])
),
covered (ids) AS (
    SELECT ?::bigint[]
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
     -- the cast makes the subquery one array value, so the index on id serves the lookup
     WHERE e.id = ANY ((SELECT ids FROM covered)::bigint[])
       AND e.status = 1
    RETURNING e.id
),
counts AS (
    SELECT (SELECT count(*) FROM applied) AS rows_written,
           (SELECT count(*) FROM marked)  AS events_processed
)
SELECT c.rows_written,
       c.events_processed,
       (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS database_time_ms,
       nv.ids AS not_visible,
       -- A state whose own queue row and resource row are both invisible was created by a
       -- transaction not visible yet: the UPDATE matched nothing, but the resource will exist.
       -- Its id comes back so the app writes that state again, instead of taking it for an
       -- orphan and leaving the row with the host's values.
       CASE WHEN cardinality(nv.ids) > 0 THEN
           ARRAY(SELECT v.id
                   FROM v
                  WHERE v.event_id = ANY (nv.ids)
                    AND NOT EXISTS (SELECT 1 FROM catalog_resources r WHERE r.id = v.id))
       END AS not_visible_resources
  FROM counts c,
       LATERAL (
           SELECT CASE WHEN c.events_processed < cardinality((SELECT ids FROM covered)) THEN
                      ARRAY(SELECT s.id
                              FROM unnest((SELECT ids FROM covered)) AS s (id)
                             WHERE NOT EXISTS (SELECT 1
                                                 FROM catalog_resource_sync_events e
                                                WHERE e.id = s.id))
                  END AS ids
       ) nv
