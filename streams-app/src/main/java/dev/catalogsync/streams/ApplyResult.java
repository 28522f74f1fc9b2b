package dev.catalogsync.streams;

/**
 * What one batch write did.
 *
 * @param statesSent resource states in the batch
 * @param rowsWritten catalog_resources rows actually changed (guarded and orphan states are not)
 * @param eventsProcessed queue rows marked processed
 */
public record ApplyResult(int statesSent, int rowsWritten, int eventsProcessed) {}
