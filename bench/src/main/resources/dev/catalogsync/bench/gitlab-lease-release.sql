-- Parameters: lease name, owner.
DELETE FROM bench_gitlab_lease WHERE name = ? AND owner = ?
