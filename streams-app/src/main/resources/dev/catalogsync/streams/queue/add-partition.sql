-- Creates and attaches an empty partition, not written to yet (V8). Parameter: its id.
SELECT catalog_sync_queue_add_partition(?)
