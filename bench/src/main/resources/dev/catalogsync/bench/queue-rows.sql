-- Rows in every partition the queue still keeps, attached or detached, counted (the planner's
-- estimate that QueueSize reads lags behind for a partition younger than its first autovacuum).
-- A detached partition is out of the parent's reach, so each is counted by name.
SELECT COALESCE(sum((xpath('/row/n/text()',
                           query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                                        false, true, '')))[1]::text::bigint), 0)
  FROM catalog_sync_queue_partitions q
  JOIN pg_class c ON c.relname = 'catalog_resource_sync_events_' || q.partition_id
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'catalog_resource_sync_events'::regclass)
