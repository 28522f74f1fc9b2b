-- Moves a caught-up slot's restart point forward: the checkpoint logs the running transactions
-- (the restart point logical decoding needs), the heartbeat gives the connector something to
-- confirm after it.
CHECKPOINT;
SELECT catalog_sync_heartbeat();
