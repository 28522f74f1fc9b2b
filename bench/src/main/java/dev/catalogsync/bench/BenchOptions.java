package dev.catalogsync.bench;

import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run is parameterised by, resolved (quick-mode defaults applied).
 *
 * @param projects projects, each with one catalog resource
 * @param clients concurrent JDBC clients making single-row updates
 * @param rates offered source rates for the freshness phases
 * @param duration how long each freshness phase (and each source-cost variant) drives updates
 * @param keys key distribution of the updates
 * @param zipfExponent skew when keys are Zipf (and for the coalescing phase)
 * @param backlog events in the backlog every drain contender works off
 * @param timeBox longest any contender may drain before its rate is taken from what it did
 * @param out where the report goes
 * @param seed seed of every random choice, so two runs offer the same workload
 * @param quick whether quick-mode defaults were used
 */
public record BenchOptions(
    int projects,
    int clients,
    List<Rate> rates,
    Duration duration,
    KeyDistribution keys,
    double zipfExponent,
    long backlog,
    Duration timeBox,
    Path out,
    long seed,
    boolean quick) {

  public BenchOptions {
    rates = List.copyOf(rates);
    if (projects < 10) {
      throw new IllegalArgumentException("--projects must be at least 10");
    }
    if (clients < 1) {
      throw new IllegalArgumentException("--clients must be at least 1");
    }
    if (backlog < 1) {
      throw new IllegalArgumentException("--backlog must be at least 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
  }

  /** How long a freshness phase waits for the pipeline to catch up after the source stops. */
  Duration catchUpTimeout() {
    Duration d = duration.multipliedBy(2);
    return d.compareTo(Duration.ofSeconds(20)) < 0 ? Duration.ofSeconds(20) : d;
  }
}
