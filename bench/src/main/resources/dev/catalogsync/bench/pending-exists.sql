-- Is any event of a range still pending? Served by the partial index on (id) WHERE status = 1.
-- Parameters: range start (exclusive), range end (inclusive).
SELECT EXISTS (SELECT 1 FROM catalog_resource_sync_events WHERE status = 1 AND id > ? AND id <= ?)
