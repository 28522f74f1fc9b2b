-- One catalog resource per project, created with its project's values (as GitLab does).
INSERT INTO catalog_resources (project_id, name, description, visibility_level)
SELECT id, name, description, visibility_level
  FROM projects
 ORDER BY id
