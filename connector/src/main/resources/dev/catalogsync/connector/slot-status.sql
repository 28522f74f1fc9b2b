-- How much WAL our replication slot holds back, and whether PostgreSQL still keeps it for us:
-- wal_status reserved or extended is safe; unreserved means it may be removed at the next
-- checkpoint; lost means it was (the slot can no longer stream). No row: there is no slot yet.
-- max_slot_wal_keep_size -1 means the server keeps WAL for slots without limit.
-- (pg_settings gives it in megabytes, its unit.) confirmed_flush_lsn, as a number, is how far the
-- connector confirmed: health watches that it keeps advancing.
SELECT s.wal_status,
       pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint AS retained_bytes,
       (SELECT CASE WHEN setting::bigint < 0 THEN -1 ELSE setting::bigint * 1024 * 1024 END
          FROM pg_settings
         WHERE name = 'max_slot_wal_keep_size') AS max_keep_bytes,
       pg_wal_lsn_diff(s.confirmed_flush_lsn, '0/0')::bigint AS confirmed_flush_lsn
FROM pg_replication_slots s
WHERE s.slot_name = ?
  AND s.database = ?
