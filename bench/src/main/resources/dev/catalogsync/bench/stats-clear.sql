-- Statistics are cached per transaction; clear the cache so the next read is current.
SELECT pg_stat_clear_snapshot()
