-- GitLab's figure: estimated_total_events = max(id) - min(id) + 1 over pending rows.
-- Both ends come from the partial index on (id) WHERE status = 1, so this is cheap.
SELECT COALESCE(max(id) - min(id) + 1, 0) AS estimated_total_events
  FROM catalog_resource_sync_events
 WHERE status = 1
