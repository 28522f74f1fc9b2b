-- Pending rows in the partitions the queue has attached, up to one (a detached partition holds
-- none: it is detached only without). Served by the partial index on (id) WHERE status = 1.
-- Parameter: the last partition to count.
SELECT count(*) FROM catalog_resource_sync_events WHERE status = 1 AND partition_id <= ?
