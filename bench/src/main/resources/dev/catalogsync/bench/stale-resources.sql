-- Every resource out of date and unversioned, so each contender has the same work: a write per
-- resource is needed, and the version guard lets every event through.
UPDATE catalog_resources SET description = 'stale', sync_version = 0
