package dev.catalogsync.bench.freshness;

import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.report.SvgChart;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import java.util.List;

/**
 * One run of the source clients at one offered rate against the live pipeline.
 *
 * @param label how the report names it, e.g. "1000/s uniform"
 * @param rate the offered rate
 * @param keys key distribution of the updates
 * @param events sync events the updates produced
 * @param sourcePerSecond updates the clients committed per second
 * @param appliedPerSecond events shown in catalog_resources per second, from the first event's
 *     creation to the last event's first appearance
 * @param freshness commit-to-visible times, milliseconds
 * @param toKafka commit to the connector handing the event to Kafka (CDC), milliseconds
 * @param throughKafka handed to Kafka to readable by a consumer, milliseconds
 * @param toRow readable in Kafka to visible in the row (streams app and its write), milliseconds
 * @param unapplied events no write covered when the phase gave up waiting
 * @param rowWrites catalog_resources row writes carrying a version of this phase
 * @param writes the streams app's write statements during the phase
 * @param p99PerSecond freshness p99 per second of creation time (x: seconds since the phase began)
 * @param usage CPU and memory over the phase, its drain tail included
 */
public record FreshnessResult(
    String label,
    Rate rate,
    KeyDistribution keys,
    long events,
    double sourcePerSecond,
    double appliedPerSecond,
    Percentiles freshness,
    Percentiles toKafka,
    Percentiles throughKafka,
    Percentiles toRow,
    long unapplied,
    long rowWrites,
    WriteBatches writes,
    List<SvgChart.Point> p99PerSecond,
    ResourceMeter.Usage usage) {

  public double rowWritesPerUpdate() {
    return events == 0 ? Double.NaN : (double) rowWrites / events;
  }

  /** Share of the source rate the applied rate must reach to count as kept up. */
  public static final double KEPT_UP_SHARE = 0.98;

  /** Applied kept up with what the source committed (2% slack for the tail of the window). */
  public boolean keptUp() {
    return unapplied == 0 && appliedPerSecond >= KEPT_UP_SHARE * sourcePerSecond;
  }
}
