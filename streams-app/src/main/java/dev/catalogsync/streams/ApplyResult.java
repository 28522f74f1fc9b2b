package dev.catalogsync.streams;

/**
 * What one batch write did.
 *
 * @param statesSent resource states in the batch
 * @param rowsWritten catalog_resources rows actually changed (guarded and orphan states are not)
 * @param eventsProcessed queue rows marked processed
 * @param databaseTimeMillis the database's clock when the batch ran (epoch ms); 0 if unknown
 */
public record ApplyResult(
    int statesSent, int rowsWritten, int eventsProcessed, long databaseTimeMillis) {

  /** A result whose database time is unknown. */
  public ApplyResult(int statesSent, int rowsWritten, int eventsProcessed) {
    this(statesSent, rowsWritten, eventsProcessed, 0);
  }

  /** The same counts without the clock, for comparing what two writes did. */
  public ApplyResult counts() {
    return new ApplyResult(statesSent, rowsWritten, eventsProcessed);
  }
}
