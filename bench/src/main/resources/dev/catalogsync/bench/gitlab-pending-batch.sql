-- The next batch in id order, as GitLab reads it (ids only: its events carry no values).
-- Parameter: batch size.
SELECT id, catalog_resource_id, project_id
  FROM catalog_resource_sync_events
 WHERE status = 1
 ORDER BY id
 LIMIT ?
