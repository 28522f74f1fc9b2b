-- The batch's events processed in one statement (GitLab's update_all). Parameter: event ids.
UPDATE catalog_resource_sync_events SET status = 2, updated_at = now() WHERE id = ANY (?::bigint[])
