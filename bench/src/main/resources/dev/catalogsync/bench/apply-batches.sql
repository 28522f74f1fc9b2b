-- The streams app's write batches of a range, told apart by synced_at (its transaction's start):
-- how many, how large, and how long from the statement's start to its last row write.
-- Parameters: range start (exclusive), range end (inclusive).
SELECT count(*)                                                       AS batches,
       COALESCE(avg(n), 0)                                            AS mean_rows,
       COALESCE(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms), 0)   AS p50_ms,
       COALESCE(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms), 0)  AS p99_ms,
       COALESCE(sum(ms), 0)                                           AS total_ms
  FROM (SELECT synced_at,
               count(*) AS n,
               extract(epoch FROM max(logged_at) - synced_at) * 1000 AS ms
          FROM bench_apply_log
         WHERE sync_version > ? AND sync_version <= ?
           AND synced_at IS NOT NULL
         GROUP BY synced_at) b
