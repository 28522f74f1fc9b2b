-- Every resource unversioned, and out of date where a pending event will bring it up to date, so
-- each contender has the same work: a write per resource with an event, and the version guard lets
-- every event through. A resource no event of the backlog covers (uniform keys leave a few out of
-- 1,000,000 events over 100,000 resources) keeps its project's values: made stale, no contender
-- could ever make it equal, and none would converge.
UPDATE catalog_resources c
   SET description  = CASE
                          -- IN, not EXISTS: one hashed set of the pending rows' resources
                          WHEN c.id IN (SELECT e.catalog_resource_id
                                          FROM catalog_resource_sync_events e
                                         WHERE e.status = 1) THEN 'stale'
                          ELSE c.description
                      END,
       sync_version = 0
