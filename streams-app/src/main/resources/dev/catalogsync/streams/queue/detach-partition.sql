-- Detaches a retired partition (V8): 'detached', 'busy' (its lock was not free within 5 ms) or
-- 'pending' (a row is pending after all). Parameter: its id.
SELECT catalog_sync_queue_detach_partition(?)
