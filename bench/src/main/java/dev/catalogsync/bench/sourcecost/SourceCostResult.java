package dev.catalogsync.bench.sourcecost;

import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;

/**
 * Source updates per second with one kind of trigger on projects.
 *
 * @param variant "no trigger", "GitLab-shaped trigger" or "catalog-sync trigger"
 * @param database the database (same server) it ran in
 * @param updatesPerSecond what the K clients committed per second, flat out
 * @param updates how many
 * @param seconds how long
 * @param sliceRates updates per second of each short slice, in the order they ran
 * @param usage CPU and memory meanwhile
 */
public record SourceCostResult(
    String variant,
    String database,
    double updatesPerSecond,
    long updates,
    double seconds,
    java.util.List<Double> sliceRates,
    ResourceMeter.Usage usage) {

  /** The middle slice rate: what a run without a checkpoint or autovacuum in it would show. */
  public double medianSliceRate() {
    return Percentiles.of(sliceRates.stream().mapToDouble(Double::doubleValue).toArray()).p50();
  }
}
