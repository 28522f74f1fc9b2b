package dev.catalogsync.streams.queue;

import java.util.List;

/**
 * What one rotation run did.
 *
 * @param done the steps that took effect
 * @param waiting steps that could not take effect yet (a detach whose lock was busy or that found a
 *     pending row after all); tried again next run
 * @param skipped another instance held the advisory lock, so this run did nothing (or stopped)
 */
public record RotationResult(List<RotationStep> done, List<RotationStep> waiting, boolean skipped) {
  public RotationResult {
    done = List.copyOf(done);
    waiting = List.copyOf(waiting);
  }
}
