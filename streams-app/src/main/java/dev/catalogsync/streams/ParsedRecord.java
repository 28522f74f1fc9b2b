package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;

/**
 * A sync-event record after checking it against the contract: either the event or why not.
 *
 * @param event the event, or null when rejected
 * @param error a one-line reason naming the field, or null when accepted
 */
record ParsedRecord(SyncEvent event, String error) {

  static ParsedRecord accepted(SyncEvent event) {
    return new ParsedRecord(event, null);
  }

  static ParsedRecord rejected(String error) {
    return new ParsedRecord(null, error);
  }

  boolean ok() {
    return event != null;
  }
}
