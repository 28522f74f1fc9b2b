-- Every resource unversioned, and out of date where a pending event will bring it up to date, so
-- each contender has the same work: a write per resource with an event, and the version guard lets
-- every event through. A resource no event of the backlog covers (uniform keys leave a few out of
-- 1,000,000 events over 100,000 resources; a Zipf backlog many more) gets its project's values:
-- left stale, no contender could ever make it equal, and none would converge. Copied, not kept:
-- the database limit writes values of its own and leaves no event behind.
-- Joins, not IN (subquery): a million pending rows do not fit work_mem as a hashed subplan, and
-- the plain one scans them once per resource.
WITH covered (id) AS (
    SELECT DISTINCT catalog_resource_id
      FROM catalog_resource_sync_events
     WHERE status = 1
)
UPDATE catalog_resources c
   SET name             = p.name,
       description      = CASE WHEN cv.id IS NULL THEN p.description ELSE 'stale' END,
       visibility_level = p.visibility_level,
       sync_version     = 0
  FROM catalog_resources r
       JOIN projects p ON p.id = r.project_id
       LEFT JOIN covered cv ON cv.id = r.id
 WHERE r.id = c.id
