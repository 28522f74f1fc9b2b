-- Resources a backfill will cover: all, or the given ids (an empty array means all).
SELECT count(*)
FROM catalog_resources cr
WHERE cardinality(?::bigint[]) = 0 OR cr.id = ANY (?::bigint[])
