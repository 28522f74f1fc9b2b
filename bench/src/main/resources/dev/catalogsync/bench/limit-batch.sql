-- The database's limit: guarded row updates of catalog_resources in one large statement, nothing
-- else (no Kafka, no queue). Same shape as the streams app's write: parallel arrays, version guard.
-- Parameters: resource ids, versions, names, descriptions, visibility levels.
UPDATE catalog_resources c
   SET name = v.name, description = v.description, visibility_level = v.visibility_level,
       sync_version = v.version, synced_at = now()
  FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::integer[])
       AS v (id, version, name, description, visibility_level)
 WHERE c.id = v.id
   AND c.sync_version < v.version
