-- Marks every pending queue row processed: what an earlier phase left pending (the database limit
-- writes rows, not the queue) must not be the next drain's work, which the catch-up would take on.
UPDATE catalog_resource_sync_events SET status = 2 WHERE status = 1
