-- The streams app now marks queue rows processed by their ids (the primary key), so the index on
-- (catalog_resource_id, id) has no reader left. Every projects update that enqueues an event paid
-- for it: the queue is back to GitLab's single partial index, (id) WHERE status = 1.
DROP INDEX IF EXISTS index_catalog_resource_sync_events_pending_by_resource;

-- Publish only the columns an event carries (PostgreSQL 15 and later): the walsender and Debezium
-- then decode seven columns instead of ten, and no second timestamp, for every event.
DO
$$
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        ALTER PUBLICATION catalog_sync_publication SET TABLE
            catalog_resource_sync_events (id, catalog_resource_id, project_id, name, description,
                                          visibility_level, created_at),
            catalog_sync_heartbeat;
    END IF;
END
$$;
