-- One backfill batch in resource id order (keyset pagination): a pending event per resource with
-- its project's current values. The connector publishes them like any other event.
INSERT INTO catalog_resource_sync_events (catalog_resource_id, project_id, name, description, visibility_level)
SELECT cr.id, p.id, p.name, p.description, p.visibility_level
FROM catalog_resources cr
         JOIN projects p ON p.id = cr.project_id
WHERE cr.id > ?
  AND (cardinality(?::bigint[]) = 0 OR cr.id = ANY (?::bigint[]))
ORDER BY cr.id
LIMIT ?
RETURNING catalog_resource_id
