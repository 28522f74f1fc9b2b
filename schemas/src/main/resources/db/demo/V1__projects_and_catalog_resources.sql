-- Demo schema: the two host tables in the shape GitLab has them, for the dev mode and tests.
-- In production these tables already exist; only db/catalog-sync is installed on top.

CREATE TABLE projects (
    id               bigserial PRIMARY KEY,
    name             character varying(255),
    path             character varying(255),
    description      text,
    visibility_level integer NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_resources (
    id               bigserial PRIMARY KEY,
    project_id       bigint NOT NULL UNIQUE REFERENCES projects (id) ON DELETE CASCADE,
    name             character varying,
    description      text,
    visibility_level integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now()
);
