-- Does any resource differ from its project? The full comparison that confirms convergence.
SELECT EXISTS (SELECT 1
                 FROM catalog_resources c
                 JOIN projects p ON p.id = c.project_id
                WHERE (c.name, c.description, c.visibility_level)
                      IS DISTINCT FROM (p.name, p.description, p.visibility_level))
