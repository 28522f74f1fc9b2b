-- The CHECK on status (1 or 2) cost every projects update that enqueues an event: the trigger's
-- INSERT runs a new executor each time, and PostgreSQL parses and prepares a table's CHECK
-- expressions afresh in every executor that inserts. Measured in a loop of single-row projects
-- updates in one transaction (trigger included), alternating with and without it: about 3-4 us of
-- some 40 us per update, the larger part of what our enqueue cost beyond GitLab's shape. GitLab's
-- queue has no such check either. Only catalog-sync writes status (the default 1, then 2 when
-- marked); what a status means is documented on the table.
ALTER TABLE catalog_resource_sync_events
    DROP CONSTRAINT IF EXISTS catalog_resource_sync_events_status_check;

COMMENT ON COLUMN catalog_resource_sync_events.status IS
    '1 pending, 2 processed (GitLab''s values); written only by catalog-sync';
