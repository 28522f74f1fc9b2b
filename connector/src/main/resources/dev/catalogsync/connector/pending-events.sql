-- How many queue rows are pending (status = 1), counted only up to the bound given: health needs
-- to know that events wait and about how many, and the partial index on (id) WHERE status = 1
-- holds exactly those rows, so this reads at most that many index entries however long the queue.
SELECT count(*)
  FROM (SELECT 1
          FROM catalog_resource_sync_events
         WHERE status = 1
         LIMIT ?) pending
