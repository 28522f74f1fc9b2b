-- When the newest queued event was created, by the database's clock (epoch ms); no row when the
-- queue is empty. Asked while the app is behind and its input pauses: events much newer than the
-- ones consumed mean CDC is still catching up, not that the backlog ended. The primary key's index
-- answers it from its end.
SELECT (extract(epoch FROM created_at) * 1000)::bigint
  FROM catalog_resource_sync_events
 ORDER BY id DESC
 LIMIT 1
