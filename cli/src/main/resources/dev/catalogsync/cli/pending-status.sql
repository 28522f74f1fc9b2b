-- Pending sync events and the age of the oldest one, for `catalog-sync status` and the demo.
SELECT count(*)                                              AS pending,
       COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest_pending_seconds
FROM catalog_resource_sync_events
WHERE status = 1
