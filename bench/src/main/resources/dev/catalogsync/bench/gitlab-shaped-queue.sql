-- GitLab's queue as it is: ids and a status, no payload, list-partitioned, one partial index,
-- no foreign keys; one row per catalog resource of a project whose name, description or
-- visibility changed. Only used to measure what such a trigger costs the source database.
CREATE TABLE gitlab_sync_events (
    id                  bigserial   NOT NULL,
    catalog_resource_id bigint      NOT NULL,
    project_id          bigint      NOT NULL,
    partition_id        bigint      NOT NULL DEFAULT 1,
    status              smallint    NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, partition_id)
) PARTITION BY LIST (partition_id);

CREATE TABLE gitlab_sync_events_1 PARTITION OF gitlab_sync_events FOR VALUES IN (1);

CREATE INDEX index_gitlab_sync_events_pending ON gitlab_sync_events (id) WHERE status = 1;

CREATE FUNCTION gitlab_enqueue_project_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO gitlab_sync_events (catalog_resource_id, project_id)
    SELECT cr.id, NEW.id
      FROM catalog_resources cr
     WHERE cr.project_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER gitlab_projects_changed
    AFTER UPDATE ON projects
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.description IS DISTINCT FROM NEW.description
        OR OLD.visibility_level IS DISTINCT FROM NEW.visibility_level)
EXECUTE FUNCTION gitlab_enqueue_project_change();
