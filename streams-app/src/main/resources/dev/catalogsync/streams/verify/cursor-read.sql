-- Where continuous verification goes on from, and when its last full pass ended (epoch ms; null
-- before the first).
SELECT after_resource_id,
       (extract(epoch FROM last_full_pass_at) * 1000)::bigint
FROM catalog_sync_verify_cursor
WHERE id = 1
