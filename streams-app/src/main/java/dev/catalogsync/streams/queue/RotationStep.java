package dev.catalogsync.streams.queue;

/** One change to the queue's partitions; each runs in its own transaction. */
public sealed interface RotationStep {
  long partition();

  /** Create and attach an empty partition that is not written to yet. */
  record AddSpare(long partition) implements RotationStep {}

  /** New events go to this spare from now on; the active one is retired. */
  record Activate(long partition) implements RotationStep {}

  /** Record the WAL position a retired partition without pending rows must be confirmed past. */
  record Fence(long partition) implements RotationStep {}

  /** Detach a retired partition: no pending row, and the slot confirmed its fence. */
  record Detach(long partition) implements RotationStep {}

  /** Drop a partition detached longer than the retention. */
  record Drop(long partition) implements RotationStep {}
}
