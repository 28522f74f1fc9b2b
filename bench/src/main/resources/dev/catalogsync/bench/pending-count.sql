-- Parameters: range start (exclusive), range end (inclusive).
SELECT count(*) FROM catalog_resource_sync_events WHERE status = 1 AND id > ? AND id <= ?
