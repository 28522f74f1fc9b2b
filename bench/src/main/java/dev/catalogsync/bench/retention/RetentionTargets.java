package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.report.TargetResult;
import dev.catalogsync.bench.report.Targets;
import dev.catalogsync.bench.workload.KeyDistribution;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Issue 19's targets against the retention phases; the verify rate has none, so it is not here. */
public final class RetentionTargets {
  static final double UPDATE_P99_RATIO = 2.0;
  static final double VERIFIED_FRESHNESS_SHARE = 0.10;

  private RetentionTargets() {}

  public static List<TargetResult> evaluate(
      RetentionResult r, KeyDistribution mainKeys, List<FreshnessResult> freshness) {
    if (r == null) {
      return List.of();
    }
    return List.of(flat(r), updateLatency(r), verifiedFreshness(r, mainKeys, freshness));
  }

  static TargetResult flat(RetentionResult r) {
    String goal = "queue size flat after the retention window (compressed month)";
    RetentionResult.Month m = r.month();
    RetentionResult.Flatness f = m.flatness();
    if (f == null) {
      return new TargetResult(
          goal, "month too short to judge", TargetResult.Status.NOT_MEASURED, "");
    }
    String measured =
        fmt(
            "%.2f MB at day %d, at most %.2f MB over days %d-%d: %.2fx (flat: <= %.1fx)",
            mb(f.referenceBytes()),
            f.referenceDay(),
            mb(f.lastThirdMaxBytes()),
            f.lastThirdFrom(),
            r.plan().monthDays(),
            f.ratio(),
            RetentionPlan.FLAT_FACTOR);
    if (f.flat()) {
      return new TargetResult(goal, measured, TargetResult.Status.MET, "");
    }
    RetentionResult.DaySample last = m.samples().get(m.samples().size() - 1);
    return new TargetResult(
        goal,
        measured,
        TargetResult.Status.MISSED,
        fmt(
            "On the last day the queue kept %d attached and %d detached partitions (a steady load"
                + " keeps 2 or 3 attached: the spare, the active one and a retired one until it is"
                + " detached; and about %d detached), %d rows, %d of them pending.%s Rotation steps"
                + " over the"
                + " month: %s; failed rotation runs: %d. A retired partition is detached only once"
                + " no row in it is pending and the connector's slot confirmed its fence; one"
                + " detached is dropped after the retention.",
            last.attached(),
            last.detached(),
            r.plan().retentionDays(),
            last.rows(),
            last.pending(),
            m.cleanStartPending() > 0
                ? fmt(
                    " The partitions from before the month still held %d pending rows, so they"
                        + " stayed.",
                    m.cleanStartPending())
                : "",
            steps(m.steps()),
            m.rotationFailures()));
  }

  static TargetResult updateLatency(RetentionResult r) {
    String goal = "source UPDATE p99 during rotations <= 2x without";
    RetentionResult.Latency l = r.latency();
    if (l.withRotation().count() == 0 || l.withoutRotation().count() == 0) {
      return new TargetResult(goal, "no windows", TargetResult.Status.NOT_MEASURED, "");
    }
    double ratio = l.p99Ratio();
    String measured =
        fmt(
            "p99 %.2f ms with rotation, %.2f ms without: %.2fx (max %.1f vs %.1f ms); failed"
                + " updates %d with, %d without",
            l.withRotation().p99(),
            l.withoutRotation().p99(),
            ratio,
            l.withRotation().max(),
            l.withoutRotation().max(),
            l.failuresWith(),
            l.failuresWithout());
    boolean met = ratio <= UPDATE_P99_RATIO && l.failuresWith() == 0;
    return new TargetResult(
        goal,
        measured,
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met
            ? ""
            : fmt(
                "%sRotation steps in the windows with rotation: %s. A rotation run (reading the"
                    + " partitions, then its steps, each in its own transaction) took p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms. A detach waits at most 5 ms for its ACCESS"
                    + " EXCLUSIVE lock on the queue, and the inserts of updates that come meanwhile"
                    + " queue behind it.",
                l.failuresWith() > 0
                    ? fmt("%d updates failed while the rotation ran. ", l.failuresWith())
                    : "",
                steps(l.steps()),
                l.rotationRunMs().p50(),
                l.rotationRunMs().p99(),
                l.rotationRunMs().max()));
  }

  static TargetResult verifiedFreshness(
      RetentionResult r, KeyDistribution mainKeys, List<FreshnessResult> freshness) {
    String goal = "freshness p99 at 1k/s with continuous verification within 10% of without";
    RetentionResult.VerifiedFreshness v = r.verifiedFreshness();
    Optional<FreshnessResult> without = without(mainKeys, freshness);
    if (v == null || without.isEmpty()) {
      return new TargetResult(
          goal, "no 1000/s phase in --rates to compare with", TargetResult.Status.NOT_MEASURED, "");
    }
    FreshnessResult with = v.freshness();
    FreshnessResult base = without.get();
    double ratio = with.freshness().p99() / base.freshness().p99();
    String measured =
        fmt(
            "p99 %.0f ms with (every %d ms, %d resources a tick) vs %.0f ms without: %+.0f%%",
            with.freshness().p99(),
            v.intervalMs(),
            v.batchSize(),
            base.freshness().p99(),
            100 * (ratio - 1));
    boolean met = with.unapplied() == 0 && ratio <= 1 + VERIFIED_FRESHNESS_SHARE;
    return new TargetResult(
        goal,
        measured,
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met
            ? ""
            : fmt(
                    "Continuous verification compared %d resources during the phase, on the stream"
                        + " thread of partition 0's task. With it: ",
                    v.checked())
                + Targets.split(with)
                + Targets.cpu(with.usage())
                + " Without it: "
                + Targets.split(base)
                + Targets.cpu(base.usage()));
  }

  /** The 1000/s phase without continuous verification, on the run's main keys. */
  static Optional<FreshnessResult> without(KeyDistribution keys, List<FreshnessResult> all) {
    return all.stream()
        .filter(
            f ->
                f.keys() == keys
                    && f.rate().perSecond() == RetentionPlan.VERIFIED_FRESHNESS_RATE.perSecond())
        .findFirst();
  }

  static String steps(Map<String, Long> steps) {
    return steps.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static double mb(long bytes) {
    return bytes / 1048576.0;
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
