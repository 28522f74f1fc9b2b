-- The queue's size for /metrics and `status`: partitions attached and detached (kept until the
-- retention drops them), the oldest one's age, rows (the planner's estimate, free to read) and
-- bytes on disk with indexes, over every partition still there.
SELECT count(*) FILTER (WHERE q.detached_at IS NULL) AS attached,
       count(*) FILTER (WHERE q.detached_at IS NOT NULL) AS detached,
       COALESCE((extract(epoch FROM now() - min(q.created_at)) * 1000)::bigint, 0) AS oldest_age_ms,
       COALESCE(sum(GREATEST(c.reltuples, 0)), 0)::bigint AS rows_estimate,
       COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
  FROM catalog_sync_queue_partitions q
  LEFT JOIN pg_class c
         ON c.relname = 'catalog_resource_sync_events_' || q.partition_id
        AND c.relnamespace = (SELECT relnamespace
                                FROM pg_class
                               WHERE oid = 'catalog_resource_sync_events'::regclass)
