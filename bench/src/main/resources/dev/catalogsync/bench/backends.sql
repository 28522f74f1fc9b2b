-- Every server process with what it is: the client's application name where it set one, else the
-- kind of process (walsender, autovacuum worker, checkpointer, ...); the catch-up's connection
-- while on its copy statement apart from its counts.
SELECT pid,
       COALESCE(NULLIF(application_name, ''), backend_type)
           || CASE WHEN application_name LIKE '%-catchup' AND query LIKE '%Catch-up, one window%'
                   THEN ' copy'
                   ELSE '' END AS name
  FROM pg_stat_activity
