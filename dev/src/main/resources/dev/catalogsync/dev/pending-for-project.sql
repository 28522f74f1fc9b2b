SELECT count(*) FROM catalog_resource_sync_events WHERE project_id = ? AND status = 1
