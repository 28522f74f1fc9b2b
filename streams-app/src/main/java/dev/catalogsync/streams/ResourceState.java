package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;

/**
 * The newest event seen of one catalog resource whose state is not written yet. Kept in a
 * changelogged store until it is written, so state consumed but not yet written survives a crash or
 * a move to another instance; once written, it leaves the store.
 *
 * @param latest the newest event seen for the resource
 * @param appliedId 0 for the states this build keeps; earlier builds also kept written states, with
 *     the id of the newest event written, and the processor skips those
 */
public record ResourceState(SyncEvent latest, long appliedId) {

  /** Whether this state still has to be written. */
  public boolean unwritten() {
    return latest.id() > appliedId;
  }

  /** Whether an incoming event is newer than what is known; older ones and duplicates are not. */
  public boolean supersededBy(SyncEvent event) {
    return event.id() > latest.id();
  }

  /** The write that brings the database row to this state. */
  public StateWrite toWrite() {
    return new StateWrite(
        latest.catalogResourceId(),
        latest.id(),
        latest.name(),
        latest.description(),
        latest.visibilityLevel(),
        latest.createdAt());
  }
}
