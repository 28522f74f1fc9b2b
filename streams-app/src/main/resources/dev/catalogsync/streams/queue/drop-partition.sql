-- Drops a detached partition (V8). Parameter: its id.
SELECT catalog_sync_queue_drop_partition(?)
