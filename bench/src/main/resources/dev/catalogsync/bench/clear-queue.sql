-- The resource inserts of the seed enqueued one event each; the benchmark starts from an empty queue.
TRUNCATE catalog_resource_sync_events
