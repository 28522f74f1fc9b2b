-- One batch of sync events in resource id order (keyset pagination), for backfill and verify
-- --fix: a pending event per resource with its project's current values. The connector publishes
-- them like any other event.
-- FOR SHARE OF p, as the resource-creation trigger does: a project update in flight either
-- committed before the row is read (its values are read: a locking read sees the newest committed
-- version) or waits for this batch to commit (its trigger then takes a higher queue id). Without
-- it, an update committing during the batch kept a lower id than the batch's stale event, and the
-- version guard let the stale values win.
INSERT INTO catalog_resource_sync_events (catalog_resource_id, project_id, name, description, visibility_level)
SELECT cr.id, p.id, p.name, p.description, p.visibility_level
FROM catalog_resources cr
         JOIN projects p ON p.id = cr.project_id
WHERE cr.id > ?
  AND (cardinality(?::bigint[]) = 0 OR cr.id = ANY (?::bigint[]))
ORDER BY cr.id
LIMIT ?
FOR SHARE OF p
RETURNING catalog_resource_id
