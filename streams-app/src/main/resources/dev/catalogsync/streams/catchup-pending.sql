-- Pending queue rows, counted up to a cap: whether the stream is far enough behind for the catch-up.
-- Parameter: the cap (catchup.pending-threshold).
-- Counted, not estimated as max(id) - min(id) + 1: one row left pending since long ago (a crash's
-- unmarked rows, a resource the host holds locked) would make the estimate span every id since.
-- The partial index on (id) WHERE status = 1 serves it, and the cap bounds the work: a few rows in
-- normal operation, at most the cap while behind.
SELECT count(*)
  FROM (SELECT 1
          FROM catalog_resource_sync_events
         WHERE status = 1
         LIMIT ?) pending
