-- Bench-only instrumentation: every write of a catalog_resources row, with the version it set and
-- the wall-clock time of the write (clock_timestamp, not the transaction's start). Freshness of an
-- event is the first logged write of its resource at or above its id, minus its created_at.
-- synced_at is the writing transaction's start (now()), so the rows of one batch share it: the
-- batches, their sizes and how long each took can be read back.
CREATE TABLE bench_apply_log (
    resource_id  bigint      NOT NULL,
    sync_version bigint      NOT NULL,
    synced_at    timestamptz,
    logged_at    timestamptz NOT NULL
);

CREATE INDEX bench_apply_log_resource_version ON bench_apply_log (resource_id, sync_version);

CREATE FUNCTION bench_log_apply() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO bench_apply_log (resource_id, sync_version, synced_at, logged_at)
    VALUES (NEW.id, NEW.sync_version, NEW.synced_at, clock_timestamp());
    RETURN NULL;
END;
$$;

CREATE TRIGGER bench_apply_logged
    AFTER UPDATE ON catalog_resources
    FOR EACH ROW
EXECUTE FUNCTION bench_log_apply();
