-- Moves the cursor past a batch; when the pass ended (nothing after the cursor), starts the next
-- one from the first resource and records when this one ended. Returns that time (epoch ms).
-- Parameters: the new position, whether the pass ended (twice, as text: 'true' or 'false').
UPDATE catalog_sync_verify_cursor
   SET after_resource_id = CASE WHEN ?::boolean THEN 0 ELSE ? END,
       last_full_pass_at = CASE WHEN ?::boolean THEN now() ELSE last_full_pass_at END,
       pass_started_at   = CASE WHEN ?::boolean THEN now() ELSE pass_started_at END
 WHERE id = 1
RETURNING (extract(epoch FROM last_full_pass_at) * 1000)::bigint
