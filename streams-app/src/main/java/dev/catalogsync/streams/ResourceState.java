package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;

/**
 * What the app knows about one catalog resource: the newest event seen (highest id wins) and the id
 * of the newest event already written to the database. Kept in a changelogged store, so state that
 * was consumed but not yet written survives a crash or a move to another instance.
 *
 * @param latest the newest event seen for the resource
 * @param appliedId id of the newest event written (or found guarded/orphaned); 0 for none
 */
public record ResourceState(SyncEvent latest, long appliedId) {

  /** Whether this state still has to be written. */
  public boolean pending() {
    return latest.id() > appliedId;
  }

  /** Whether an incoming event is newer than what is known; older ones and duplicates are not. */
  public boolean supersededBy(SyncEvent event) {
    return event.id() > latest.id();
  }

  public ResourceState withLatest(SyncEvent event) {
    return new ResourceState(event, appliedId);
  }

  public ResourceState appliedUpTo(long eventId) {
    return new ResourceState(latest, Math.max(appliedId, eventId));
  }

  /** The write that brings the database row to this state. */
  public PendingWrite toWrite() {
    return new PendingWrite(
        latest.catalogResourceId(),
        latest.id(),
        latest.name(),
        latest.description(),
        latest.visibilityLevel(),
        latest.createdAt());
  }
}
