-- catalog-sync objects, installed on top of a database that already has projects and catalog_resources.
-- History lives in catalog_sync_schema_history, so the host application's migrations never see it.

-- The queue. GitLab's columns and status values (1 pending, 2 processed), plus a snapshot of the
-- values the event announces, so a consumer needs no read-back of projects.
-- No foreign keys on purpose (as in GitLab): every projects update would pay for them.
CREATE TABLE catalog_resource_sync_events (
    id                  bigserial PRIMARY KEY,
    catalog_resource_id bigint      NOT NULL,
    project_id          bigint      NOT NULL,
    partition_id        bigint      NOT NULL DEFAULT 1,
    status              smallint    NOT NULL DEFAULT 1,
    name                character varying,
    description         text,
    visibility_level    integer,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT catalog_resource_sync_events_status_check CHECK (status IN (1, 2))
);

-- "Pending in id order": the reconciler's scan and GitLab's figures.
CREATE INDEX index_catalog_resource_sync_events_pending
    ON catalog_resource_sync_events (id) WHERE status = 1;

-- "Pending for one resource up to an id": marking a coalesced batch processed.
CREATE INDEX index_catalog_resource_sync_events_pending_by_resource
    ON catalog_resource_sync_events (catalog_resource_id, id) WHERE status = 1;

-- Version guard and freshness. sync_version is the id of the newest sync event whose state the row
-- holds; a write only lands where it is newer, so an older state never overwrites a newer one.
ALTER TABLE catalog_resources
    ADD COLUMN IF NOT EXISTS sync_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS synced_at timestamptz;

-- One event per catalog resource of an updated project, carrying the NEW values.
CREATE FUNCTION catalog_sync_enqueue_project_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO catalog_resource_sync_events (catalog_resource_id, project_id, name, description, visibility_level)
    SELECT cr.id, NEW.id, NEW.name, NEW.description, NEW.visibility_level
    FROM catalog_resources cr
    WHERE cr.project_id = NEW.id;
    RETURN NULL;
END;
$$;

-- GitLab's exact condition: only a real change of one of the three columns (NULL transitions count).
CREATE TRIGGER catalog_sync_projects_changed
    AFTER UPDATE ON projects
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.description IS DISTINCT FROM NEW.description
        OR OLD.visibility_level IS DISTINCT FROM NEW.visibility_level)
EXECUTE FUNCTION catalog_sync_enqueue_project_change();

-- An event when a resource is created, with its project's current values. FOR SHARE closes the race
-- GitLab has: a concurrent project update either committed before (we read its values) or waits for
-- us to commit (its own trigger then sees the new resource and enqueues an event).
CREATE FUNCTION catalog_sync_enqueue_resource_created() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO catalog_resource_sync_events (catalog_resource_id, project_id, name, description, visibility_level)
    SELECT NEW.id, p.id, p.name, p.description, p.visibility_level
    FROM (SELECT id, name, description, visibility_level
          FROM projects
          WHERE id = NEW.project_id
          FOR SHARE) p;
    RETURN NULL;
END;
$$;

CREATE TRIGGER catalog_sync_resource_created
    AFTER INSERT ON catalog_resources
    FOR EACH ROW
EXECUTE FUNCTION catalog_sync_enqueue_resource_created();

-- Heartbeat for CDC: the publication covers only our tables, so while the queue is quiet the slot
-- would never advance and WAL from the rest of the database would pile up. The connector calls this
-- on an interval; only the INSERT is published (publish = 'insert'), the DELETE keeps one row.
CREATE TABLE catalog_sync_heartbeat (
    id      smallint PRIMARY KEY DEFAULT 1,
    beat_at timestamptz NOT NULL
);

CREATE FUNCTION catalog_sync_heartbeat() RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM catalog_sync_heartbeat;
INSERT INTO catalog_sync_heartbeat (id, beat_at) VALUES (1, now());
$$;

-- Insert-only: status updates and deletes of queue rows never reach the replication stream.
CREATE PUBLICATION catalog_sync_publication
    FOR TABLE catalog_resource_sync_events, catalog_sync_heartbeat
    WITH (publish = 'insert');
