-- Per event of a range: when it was created and when its resource first showed it (the first
-- logged write at or above its id; versions only grow, so the lowest such version is the first).
-- applied_ms is NULL for an event no write has covered yet. Times in epoch milliseconds.
-- Parameters: range start (exclusive), range end (inclusive).
SELECT e.id,
       extract(epoch FROM e.created_at) * 1000 AS created_ms,
       extract(epoch FROM (SELECT l.logged_at
                             FROM bench_apply_log l
                            WHERE l.resource_id = e.catalog_resource_id
                              AND l.sync_version >= e.id
                            ORDER BY l.sync_version
                            LIMIT 1)) * 1000 AS applied_ms
  FROM catalog_resource_sync_events e
 WHERE e.id > ? AND e.id <= ?
 ORDER BY e.id
