-- The current rows of the batch's projects (GitLab preloads them). Parameter: project ids.
SELECT id, name, description, visibility_level
  FROM projects
 WHERE id = ANY (?::bigint[])
