-- The steps of the queue's rotation (issue 19), run by the streams app (under the reconciler's
-- advisory lock) and by `catalog-sync maintain`. They change tables only the installing user owns,
-- so they run with its rights; the streams app's user needs
--   GRANT EXECUTE ON FUNCTION catalog_sync_queue_add_partition(bigint),
--       catalog_sync_queue_activate_partition(bigint), catalog_sync_queue_fence_partition(bigint),
--       catalog_sync_queue_detach_partition(bigint), catalog_sync_queue_drop_partition(bigint)
--       TO catalog_sync_streams;
-- Every name is schema-qualified and search_path pinned, as V4 explains for a SECURITY DEFINER
-- function.
--
-- None of them makes a projects update wait more than a few ms: attaching takes SHARE UPDATE
-- EXCLUSIVE on the queue (inserts go on; GitLab's CREATE TABLE ... PARTITION OF takes ACCESS
-- EXCLUSIVE instead), detaching gives up after 5 ms without its lock, dropping touches only a
-- detached table.

-- A spare partition: created and attached ahead of time, empty, not yet written to. It becomes
-- active only in a later run (activate), so no insert can pick it while its own session still
-- has the old list of partitions.
CREATE FUNCTION catalog_sync_queue_add_partition(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
DECLARE
    s text := '${flyway:defaultSchema}';
    t text := 'catalog_resource_sync_events_' || p_id;
BEGIN
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.catalog_resource_sync_events INCLUDING DEFAULTS)', s, t, s);
    EXECUTE format('ALTER TABLE %I.catalog_resource_sync_events ATTACH PARTITION %I.%I FOR VALUES IN (%s)',
                   s, s, t, p_id);
    EXECUTE format('INSERT INTO %I.catalog_sync_queue_partitions (partition_id) VALUES ($1)', s) USING p_id;
END;
$$;

-- New events go to this partition from now on; the one active so far is retired.
CREATE FUNCTION catalog_sync_queue_activate_partition(p_id bigint) RETURNS void
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
END;
$$;

-- Records the current WAL position for a retired partition seen without a pending row: every event
-- it holds was written before it, so once the slot confirmed it, CDC has read them all.
CREATE FUNCTION catalog_sync_queue_fence_partition(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
BEGIN
    EXECUTE format('UPDATE %I.catalog_sync_queue_partitions SET fence_lsn = pg_current_wal_lsn()'
                   ' WHERE partition_id = $1 AND retired_at IS NOT NULL AND fence_lsn IS NULL',
                   '${flyway:defaultSchema}')
        USING p_id;
END;
$$;

-- Detaches a retired partition: 'detached', or why not: 'busy' (the lock was not free within 5 ms;
-- try again later) or 'pending' (a row is pending after all). The caller checked the rest.
-- A plain DETACH takes ACCESS EXCLUSIVE on the queue; a waiting request would stall every insert
-- behind it, hence the 5 ms. (DETACH ... CONCURRENTLY cannot run in a function.) Holding the lock,
-- no statement can be inserting, so the pending check below sees every row: a statement that read
-- the old active partition just before the switch has committed by now.
CREATE FUNCTION catalog_sync_queue_detach_partition(p_id bigint) RETURNS text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
DECLARE
    s text := '${flyway:defaultSchema}';
    t text := 'catalog_resource_sync_events_' || p_id;
    pending boolean;
BEGIN
    PERFORM set_config('lock_timeout', '5ms', true);
    BEGIN
        EXECUTE format('LOCK TABLE ONLY %I.catalog_resource_sync_events IN ACCESS EXCLUSIVE MODE', s);
    EXCEPTION
        WHEN lock_not_available THEN
            RETURN 'busy';
    END;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE status = 1)', s, t) INTO pending;
    IF pending THEN
        RETURN 'pending';
    END IF;
    EXECUTE format('ALTER TABLE %I.catalog_resource_sync_events DETACH PARTITION %I.%I', s, s, t);
    EXECUTE format('UPDATE %I.catalog_sync_queue_partitions SET detached_at = now() WHERE partition_id = $1', s)
        USING p_id;
    RETURN 'detached';
END;
$$;

-- Drops a detached partition and forgets it.
CREATE FUNCTION catalog_sync_queue_drop_partition(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
DECLARE
    s text := '${flyway:defaultSchema}';
    detached boolean;
BEGIN
    EXECUTE format('SELECT detached_at IS NOT NULL FROM %I.catalog_sync_queue_partitions WHERE partition_id = $1', s)
        INTO detached USING p_id;
    IF detached IS NOT TRUE THEN
        RAISE EXCEPTION 'queue partition % is not detached', p_id;
    END IF;
    EXECUTE format('DROP TABLE IF EXISTS %I.%I', s, 'catalog_resource_sync_events_' || p_id);
    EXECUTE format('DELETE FROM %I.catalog_sync_queue_partitions WHERE partition_id = $1', s) USING p_id;
END;
$$;

REVOKE EXECUTE ON FUNCTION catalog_sync_queue_add_partition(bigint),
    catalog_sync_queue_activate_partition(bigint),
    catalog_sync_queue_fence_partition(bigint),
    catalog_sync_queue_detach_partition(bigint),
    catalog_sync_queue_drop_partition(bigint) FROM PUBLIC;
