-- A bulk update bypassing the application (update_all, a data migration): many rows, one statement.
-- Parameters: new description, project ids.
UPDATE projects SET description = ?, updated_at = now() WHERE id = ANY (?::bigint[])
