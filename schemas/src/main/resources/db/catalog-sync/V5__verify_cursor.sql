-- Where the streams app's continuous verification (verify.interval.ms) has got to: one row, so a
-- pass resumes where it stopped after a restart or on another instance, and operators can see
-- when the last full pass ended. The streams app's user writes it.
CREATE TABLE catalog_sync_verify_cursor (
    id                smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    after_resource_id bigint      NOT NULL DEFAULT 0,
    pass_started_at   timestamptz NOT NULL DEFAULT now(),
    last_full_pass_at timestamptz
);

INSERT INTO catalog_sync_verify_cursor DEFAULT VALUES;
