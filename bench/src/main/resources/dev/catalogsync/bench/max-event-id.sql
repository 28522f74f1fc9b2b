SELECT COALESCE(max(id), 0) FROM catalog_resource_sync_events
