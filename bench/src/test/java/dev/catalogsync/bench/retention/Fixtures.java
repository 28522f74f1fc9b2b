package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/** Small retention results for the tests of this package. */
final class Fixtures {
  static final ResourceMeter.Usage USAGE =
      new ResourceMeter.Usage(10, 1, 0.5, 0.4, Map.of("streams-app", 0.1), 100, 200, 200, Map.of());

  private Fixtures() {}

  /** One sample a day, bytes by day. */
  static List<RetentionResult.DaySample> days(int last, IntToLongFunction bytes) {
    List<RetentionResult.DaySample> out = new ArrayList<>();
    for (int d = 0; d <= last; d++) {
      out.add(
          new RetentionResult.DaySample(
              d, d * 2.0, 3, Math.min(d, 7), d * 100, 2, 0, bytes.applyAsLong(d)));
    }
    return out;
  }

  static FreshnessResult freshness(double p99, long unapplied) {
    return new FreshnessResult(
        "1000/s uniform",
        new Rate(1000),
        KeyDistribution.UNIFORM,
        30_000,
        999,
        998,
        new Percentiles(30_000, 40, 70, p99, p99 * 2),
        new Percentiles(30_000, 10, 20, 30, 40),
        new Percentiles(30_000, 5, 10, 15, 20),
        new Percentiles(30_000, 25, 40, 60, 80),
        unapplied,
        30_000,
        new WriteBatches(600, 50, 1, 3, 900),
        List.of(),
        USAGE);
  }

  static Map<String, Long> steps(long each) {
    Map<String, Long> m = new LinkedHashMap<>();
    Rotator.KINDS.forEach(k -> m.put(k, each));
    m.put(RetentionResult.DETACH_WAITED, 0L);
    return m;
  }

  static RetentionResult result(
      IntToLongFunction bytes, double p99With, double p99Without, double verifiedP99) {
    RetentionPlan plan = RetentionPlan.of(false);
    List<RetentionResult.DaySample> samples = days(plan.monthDays(), bytes);
    RetentionResult.Month month =
        new RetentionResult.Month(
            2.5,
            0,
            samples,
            RetentionResult.Flatness.of(samples, plan.referenceDay(), plan.lastThirdFrom()),
            steps(15),
            0,
            1000,
            new Percentiles(60_000, 0.5, 0.8, 1.5, 9),
            0,
            USAGE);
    RetentionResult.Latency latency =
        new RetentionResult.Latency(
            List.of(
                new RetentionResult.Window(false, 0, 6, 6000, 0, 0, p99Without),
                new RetentionResult.Window(true, 6, 6, 6000, 0, 12, p99With)),
            new Percentiles(6000, 0.5, 0.8, p99With, 7),
            new Percentiles(6000, 0.5, 0.8, p99Without, 5),
            0,
            0,
            steps(3),
            new Percentiles(24, 1, 2, 4, 6));
    return new RetentionResult(
        plan,
        month,
        latency,
        new RetentionResult.VerifyRate(100_000, 2.5, 2.5, 0, 0, 1000),
        new RetentionResult.VerifiedFreshness(freshness(verifiedP99, 0), 1000, 1000, 30_000, 9.5));
  }
}
