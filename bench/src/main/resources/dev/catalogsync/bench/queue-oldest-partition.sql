-- The oldest partition the queue still keeps (attached or detached); 0 when it keeps none.
SELECT COALESCE(min(partition_id), 0) FROM catalog_sync_queue_partitions
