-- The per-event sink marks each event processed on its own. Parameter: event id.
UPDATE catalog_resource_sync_events SET status = 2, updated_at = now() WHERE id = ? AND status = 1
