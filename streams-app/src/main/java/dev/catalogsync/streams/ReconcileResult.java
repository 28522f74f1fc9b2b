package dev.catalogsync.streams;

/**
 * What one reconcile run did, in GitLab's figures.
 *
 * @param estimatedTotalEvents max(id) - min(id) + 1 over pending rows when the run started
 * @param consumableEvents pending rows past the grace period that the run took
 * @param processedEvents rows it marked processed
 * @param rowsWritten catalog_resources rows it changed
 * @param lockHeld false when another instance was reconciling, so this run did nothing
 */
public record ReconcileResult(
    long estimatedTotalEvents,
    long consumableEvents,
    long processedEvents,
    long rowsWritten,
    boolean lockHeld) {

  static ReconcileResult skipped() {
    return new ReconcileResult(0, 0, 0, 0, false);
  }
}
