SELECT project_id FROM catalog_resources ORDER BY id LIMIT 1
