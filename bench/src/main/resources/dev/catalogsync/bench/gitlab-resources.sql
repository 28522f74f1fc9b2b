-- The batch's resources (GitLab preloads them). Parameter: resource ids.
SELECT id, project_id, name, description, visibility_level
  FROM catalog_resources
 WHERE id = ANY (?::bigint[])
