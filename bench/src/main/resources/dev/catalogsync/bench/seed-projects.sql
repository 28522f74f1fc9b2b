-- N projects with distinct names; visibility cycles through private, internal and public.
-- Parameter: N.
INSERT INTO projects (name, path, description, visibility_level)
SELECT 'project-' || g, 'group/project-' || g, 'description of project ' || g, (g % 3) * 10
  FROM generate_series(1, ?::int) AS g
