-- New events go to this partition; the active one is retired (V8). Parameter: its id.
SELECT catalog_sync_queue_activate_partition(?)
