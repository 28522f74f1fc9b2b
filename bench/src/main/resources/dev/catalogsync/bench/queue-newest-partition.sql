-- The newest partition of the queue (a spare, or the active one); 0 when it has none.
SELECT COALESCE(max(partition_id), 0) FROM catalog_sync_queue_partitions
