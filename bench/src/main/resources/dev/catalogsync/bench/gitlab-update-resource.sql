-- One resource copying its project, as ActiveRecord's save! issues it (one row, own transaction).
-- Parameters: name, description, visibility level, resource id.
UPDATE catalog_resources SET name = ?, description = ?, visibility_level = ? WHERE id = ?
