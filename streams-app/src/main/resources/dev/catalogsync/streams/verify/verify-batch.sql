-- One verify batch in resource id order (keyset pagination): how many resources it compared, the
-- last id (where the next batch starts), and one row per resource whose synced columns differ
-- from its project's, with both sides and whether a sync event younger than the grace is still
-- pending for it (then the pipeline may simply not have applied it yet). Without a difference the
-- batch still returns one row, with nulls, for the counts.
-- Parameters: after id, resource ids (empty: all) twice, batch size, grace in milliseconds.
WITH batch AS (
    SELECT cr.id, cr.project_id,
           cr.name, cr.description, cr.visibility_level,
           p.name AS project_name, p.description AS project_description,
           p.visibility_level AS project_visibility_level
      FROM catalog_resources cr
      JOIN projects p ON p.id = cr.project_id
     WHERE cr.id > ?
       AND (cardinality(?::bigint[]) = 0 OR cr.id = ANY (?::bigint[]))
     ORDER BY cr.id
     LIMIT ?
),
summary AS (
    SELECT count(*) AS checked, max(id) AS last_id FROM batch
),
differing AS (
    SELECT b.*
      FROM batch b
     WHERE b.name IS DISTINCT FROM b.project_name
        OR b.description IS DISTINCT FROM b.project_description
        OR b.visibility_level IS DISTINCT FROM b.project_visibility_level
)
SELECT s.checked, s.last_id,
       d.id, d.project_id,
       d.name, d.project_name,
       d.description, d.project_description,
       d.visibility_level, d.project_visibility_level,
       d.id IS NOT NULL AND EXISTS (
           SELECT 1
             FROM catalog_resource_sync_events e
            WHERE e.catalog_resource_id = d.id
              AND e.status = 1
              AND e.created_at > now() - (?::double precision) * interval '1 millisecond'
       ) AS in_flight
  FROM summary s
  LEFT JOIN differing d ON true
 ORDER BY d.id
