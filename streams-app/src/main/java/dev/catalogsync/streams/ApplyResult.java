package dev.catalogsync.streams;

import java.util.List;

/**
 * What one batch write did.
 *
 * @param statesSent resource states in the batch
 * @param rowsWritten catalog_resources rows actually changed (guarded and orphan states are not)
 * @param eventsProcessed queue rows marked processed
 * @param databaseTimeMillis the database's clock when the batch ran (epoch ms); 0 if unknown
 * @param notVisible ids of queue rows to mark that the database did not show the statement: their
 *     transaction's commit reached CDC before it became visible (or the rows were deleted)
 * @param notVisibleResources resources of the batch whose row the statement did not see either,
 *     though their state's queue row is in {@code notVisible}: created by that same transaction, so
 *     the state must be written again once it is visible
 */
public record ApplyResult(
    int statesSent,
    int rowsWritten,
    int eventsProcessed,
    long databaseTimeMillis,
    List<Long> notVisible,
    List<Long> notVisibleResources) {

  public ApplyResult {
    notVisible = List.copyOf(notVisible);
    notVisibleResources = List.copyOf(notVisibleResources);
  }

  /** A result whose database time is unknown, with every row visible. */
  public ApplyResult(int statesSent, int rowsWritten, int eventsProcessed) {
    this(statesSent, rowsWritten, eventsProcessed, 0, List.of(), List.of());
  }

  /** The same counts without the clock, for comparing what two writes did. */
  public ApplyResult counts() {
    return new ApplyResult(statesSent, rowsWritten, eventsProcessed);
  }
}
