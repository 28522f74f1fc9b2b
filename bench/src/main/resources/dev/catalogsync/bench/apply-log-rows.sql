-- Row writes that carried a version of a range: the coalescing figure's numerator.
-- Parameters: range start (exclusive), range end (inclusive).
SELECT count(*) FROM bench_apply_log WHERE sync_version > ? AND sync_version <= ?
