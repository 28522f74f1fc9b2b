-- Every partition the queue has and has not dropped yet, with what the rotation decides on. Ages
-- in milliseconds by the database's clock. The lookups into one partition (pending rows, its
-- oldest row) are pruned to that partition and served by its indexes.
-- Parameter: the connector's replication slot. A slot that does not exist holds nothing back: no
-- CDC will read those rows, and the reconciler has covered every pending one before a detach.
WITH slot AS (
    SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = ?
)
SELECT q.partition_id,
       q.activated_at IS NOT NULL AS activated,
       q.retired_at IS NOT NULL AS retired,
       q.detached_at IS NOT NULL AS detached,
       (extract(epoch FROM now() - q.created_at) * 1000)::bigint AS created_ago_ms,
       COALESCE((extract(epoch FROM now() - q.detached_at) * 1000)::bigint, -1) AS detached_ago_ms,
       q.detached_at IS NULL AND EXISTS (SELECT 1
                                           FROM catalog_resource_sync_events e
                                          WHERE e.partition_id = q.partition_id
                                            AND e.status = 1) AS has_pending,
       COALESCE(CASE WHEN q.activated_at IS NOT NULL AND q.retired_at IS NULL THEN
                    (SELECT (extract(epoch FROM now() - e.created_at) * 1000)::bigint
                       FROM catalog_resource_sync_events e
                      WHERE e.partition_id = q.partition_id
                      ORDER BY e.id
                      LIMIT 1)
                END, -1) AS oldest_row_age_ms,
       q.fence_lsn IS NOT NULL AS fenced,
       q.fence_lsn IS NOT NULL
           AND (NOT EXISTS (SELECT 1 FROM slot)
                OR COALESCE((SELECT confirmed_flush_lsn >= q.fence_lsn FROM slot), false)) AS fence_passed
  FROM catalog_sync_queue_partitions q
 ORDER BY q.partition_id
