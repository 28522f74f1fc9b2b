package dev.catalogsync.bench.workload;

/** Which projects the workload updates. */
public enum KeyDistribution {
  /** Every project equally likely. */
  UNIFORM,
  /** A few hot projects take most updates (Zipf's law), as real activity does. */
  ZIPF
}
