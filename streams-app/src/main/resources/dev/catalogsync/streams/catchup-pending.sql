-- Pending queue rows after the highest id the catch-up has copied on this instance, counted up to a
-- cap: whether the stream is far enough behind for the catch-up. Rows at or below that id are
-- covered: the stream marks them when CDC delivers them (or the reconciler, after its grace).
-- Parameters: that id (0 at first), the cap (catchup.pending-threshold).
-- Counted, not estimated as max(id) - min(id) + 1: one row left pending since long ago (a crash's
-- unmarked rows, a resource the host holds locked) would make the estimate span every id since.
-- The partial index on (id) WHERE status = 1 serves it, and the cap bounds the work: a few rows in
-- normal operation, at most the cap while behind.
SELECT count(*)
  FROM (SELECT 1
          FROM catalog_resource_sync_events
         WHERE status = 1
           AND id > ?
         LIMIT ?) pending
