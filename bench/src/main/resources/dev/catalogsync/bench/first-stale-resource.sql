-- The first resource, from a resource id on, whose columns differ from its project's; -1 when none
-- does. An index scan from the id that stops at the first one found: cheap while most differ, and
-- over the whole drain each resource is passed once. Parameter: the resource id to start from.
SELECT COALESCE((SELECT c.id
                   FROM catalog_resources c
                   JOIN projects p ON p.id = c.project_id
                  WHERE c.id >= ?
                    AND (c.name, c.description, c.visibility_level)
                        IS DISTINCT FROM (p.name, p.description, p.visibility_level)
                  ORDER BY c.id
                  LIMIT 1), -1)
