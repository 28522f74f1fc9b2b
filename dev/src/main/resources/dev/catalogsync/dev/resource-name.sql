SELECT name FROM catalog_resources WHERE project_id = ?
