-- Drains run without the log: it would add a write per row written and so penalise whoever
-- writes more rows. Row writes are then counted from pg_stat_user_tables instead.
ALTER TABLE catalog_resources DISABLE TRIGGER bench_apply_logged
