-- Records the WAL position the slot must confirm before a detach (V8). Parameter: its id.
SELECT catalog_sync_queue_fence_partition(?)
