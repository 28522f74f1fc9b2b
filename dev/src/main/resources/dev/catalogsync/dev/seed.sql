-- Demo data for the dev mode: a few projects, most of them with a catalog resource.
-- Runs only when projects is empty, so a restarted dev mode keeps what the user changed.
INSERT INTO projects (name, path, description, visibility_level)
SELECT 'project-' || n, 'group/project-' || n, 'Demo project number ' || n, CASE WHEN n % 3 = 0 THEN 20 ELSE 0 END
FROM generate_series(1, 10) AS n;

INSERT INTO catalog_resources (project_id, name, description, visibility_level)
SELECT id, name, description, visibility_level FROM projects WHERE id <= 8;
