-- The GitLab-style worker's exclusive lease (GitLab keeps it in Redis; a row does the same job).
CREATE TABLE bench_gitlab_lease (
    name       text PRIMARY KEY,
    owner      text        NOT NULL,
    expires_at timestamptz NOT NULL
)
