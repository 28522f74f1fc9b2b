-- Takes the lease for one minute unless someone else holds an unexpired one; a row comes back
-- only when it was taken. Parameters: lease name, owner.
INSERT INTO bench_gitlab_lease AS l (name, owner, expires_at)
VALUES (?, ?, now() + interval '1 minute')
ON CONFLICT (name) DO UPDATE
   SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
 WHERE l.expires_at < now() OR l.owner = EXCLUDED.owner
RETURNING owner
