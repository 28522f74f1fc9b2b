-- How long the oldest pending queue row has waited, in milliseconds by the database's clock; no
-- row when nothing is pending. The partial index on (id) WHERE status = 1 gives the oldest by id
-- at once, which is also about the oldest by time.
SELECT (extract(epoch FROM now() - created_at) * 1000)::bigint
  FROM catalog_resource_sync_events
 WHERE status = 1
 ORDER BY id
 LIMIT 1
