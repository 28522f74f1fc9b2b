-- Demo only: while the queue is out of the publication, its inserts never reach CDC, exactly as
-- if the replication slot had been lost. The reconciler must repair what happens meanwhile.
ALTER PUBLICATION catalog_sync_publication DROP TABLE catalog_resource_sync_events
