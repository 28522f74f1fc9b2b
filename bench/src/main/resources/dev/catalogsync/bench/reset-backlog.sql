-- Gives the next contender the same backlog: the events of a range are pending again.
-- Parameters: range start (exclusive), range end (inclusive).
UPDATE catalog_resource_sync_events SET status = 1 WHERE id > ? AND id <= ? AND status = 2
