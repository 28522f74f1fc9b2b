-- One source update as an application makes it: a single project row, autocommit.
-- Parameters: new description (always a new value, so the trigger fires), project id.
UPDATE projects SET description = ?, updated_at = now() WHERE id = ?
