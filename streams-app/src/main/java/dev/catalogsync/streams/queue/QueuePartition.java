package dev.catalogsync.streams.queue;

/**
 * One partition of the queue as the rotation sees it: where it is in its life (spare, active,
 * retired, detached) and what decides the next step. Ages are by the database's clock.
 *
 * @param id its partition_id
 * @param activated new events went or go to it
 * @param retired a newer partition is active
 * @param detached no longer part of the queue; dropped after the retention
 * @param createdAgoMillis since it was created (a spare becomes active only after a while)
 * @param detachedAgoMillis since it was detached; -1 while attached
 * @param hasPending a row in it is pending (false once detached)
 * @param oldestRowAgeMillis age of its oldest row while active; -1 when empty or not active
 * @param fenced a WAL position was recorded once it was retired without a pending row
 * @param fencePassed the replication slot confirmed a position past that one (or there is none)
 */
public record QueuePartition(
    long id,
    boolean activated,
    boolean retired,
    boolean detached,
    long createdAgoMillis,
    long detachedAgoMillis,
    boolean hasPending,
    long oldestRowAgeMillis,
    boolean fenced,
    boolean fencePassed) {

  public boolean active() {
    return activated && !retired;
  }

  public boolean spare() {
    return !activated;
  }
}
