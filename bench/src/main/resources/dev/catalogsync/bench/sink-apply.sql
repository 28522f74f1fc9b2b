-- The per-event sink: every event is its own guarded row update (no coalescing).
-- Parameters: name, description, visibility level, event id, resource id, event id.
UPDATE catalog_resources
   SET name = ?, description = ?, visibility_level = COALESCE(?, visibility_level),
       sync_version = ?, synced_at = now()
 WHERE id = ? AND sync_version < ?
