-- Cumulative row updates of catalog_resources (a backend flushes its counts when idle or on exit).
SELECT COALESCE(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'catalog_resources'
