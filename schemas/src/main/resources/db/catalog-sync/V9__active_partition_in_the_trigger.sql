-- The projects trigger read the active partition from catalog_sync_queue_partitions in every
-- insert: 3-5 us of some 26 us per projects update (measured in a loop of single-row updates,
-- alternating both forms), 12% of updates/s in bench run CC against GitLab's shape. Now the
-- activation step writes the active partition into the trigger function as a constant. Sessions
-- compile the new body on their next call; one still running the old body inserts into the
-- partition before, which is attached until none of its rows is pending (the detach checks that
-- under its lock). The resource-creation trigger, rare, keeps reading the table.

CREATE OR REPLACE FUNCTION catalog_sync_queue_write_project_trigger(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$fn$
DECLARE
    s text := '${flyway:defaultSchema}';
BEGIN
    EXECUTE format($body$
CREATE OR REPLACE FUNCTION %1$I.catalog_sync_enqueue_project_change() RETURNS trigger
    LANGUAGE plpgsql AS
$f$
BEGIN
    -- partition %2$s: written by catalog_sync_queue_activate_partition (V9), do not edit
    INSERT INTO catalog_resource_sync_events
        (catalog_resource_id, project_id, partition_id, name, description, visibility_level)
    SELECT cr.id, NEW.id, %2$s, NEW.name, NEW.description, NEW.visibility_level
    FROM catalog_resources cr
    WHERE cr.project_id = NEW.id;
    RETURN NULL;
END;
$f$$body$, s, p_id);
END;
$fn$;

REVOKE EXECUTE ON FUNCTION catalog_sync_queue_write_project_trigger(bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION catalog_sync_queue_activate_partition(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
DECLARE
    s text := '${flyway:defaultSchema}';
BEGIN
    EXECUTE format('UPDATE %I.catalog_sync_queue_partitions SET retired_at = now()'
                   ' WHERE activated_at IS NOT NULL AND retired_at IS NULL AND partition_id < $1', s)
        USING p_id;
    EXECUTE format('UPDATE %I.catalog_sync_queue_partitions SET activated_at = now()'
                   ' WHERE partition_id = $1 AND activated_at IS NULL', s)
        USING p_id;
    EXECUTE format('SELECT %I.catalog_sync_queue_write_project_trigger($1)', s) USING p_id;
END;
$$;

SELECT catalog_sync_queue_write_project_trigger(catalog_sync_active_queue_partition());
