package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the retention phases measured (issue 19).
 *
 * @param plan their sizes
 * @param month the compressed month of queue rotation
 * @param latency source update statement times with and without rotation
 * @param verifyRate one full verify over every resource
 * @param verifiedFreshness freshness at 1000/s with continuous verification on
 */
public record RetentionResult(
    RetentionPlan plan,
    Month month,
    Latency latency,
    VerifyRate verifyRate,
    VerifiedFreshness verifiedFreshness) {

  /** Step counts' key for detaches that had to wait (lock busy within 5 ms, or a pending row). */
  public static final String DETACH_WAITED = "detach waited";

  /**
   * The queue's size once a day.
   *
   * @param day days since the month began
   * @param seconds seconds since the month began
   * @param attached partitions attached (spare, active, retired)
   * @param detached partitions detached, kept until the retention drops them
   * @param rows rows in every partition still kept, counted
   * @param pending those still pending (not yet marked processed)
   * @param rowsEstimate the same by the planner's estimate (what /metrics shows)
   * @param bytes bytes on disk of every partition still kept, indexes included
   */
  public record DaySample(
      int day,
      double seconds,
      long attached,
      long detached,
      long rows,
      long pending,
      long rowsEstimate,
      long bytes) {}

  /**
   * Whether the queue's size stayed flat after the retention window: the largest size over the
   * month's last third within {@link RetentionPlan#FLAT_FACTOR} of the size at the reference day.
   *
   * @param referenceDay the end of the retention window
   * @param referenceBytes the queue's bytes then
   * @param lastThirdFrom first day of the last third
   * @param lastThirdMaxBytes the largest size over the last third
   * @param lastThirdMinBytes the smallest size over the last third
   */
  public record Flatness(
      int referenceDay,
      long referenceBytes,
      int lastThirdFrom,
      long lastThirdMaxBytes,
      long lastThirdMinBytes) {

    public double ratio() {
      return referenceBytes <= 0 ? Double.NaN : (double) lastThirdMaxBytes / referenceBytes;
    }

    public boolean flat() {
      return referenceBytes > 0 && ratio() <= RetentionPlan.FLAT_FACTOR;
    }

    /** Null when the samples do not reach past the reference day into a last third after it. */
    static Flatness of(List<DaySample> samples, int referenceDay, int lastThirdFrom) {
      DaySample reference =
          samples.stream().filter(s -> s.day() == referenceDay).findFirst().orElse(null);
      List<DaySample> last = samples.stream().filter(s -> s.day() >= lastThirdFrom).toList();
      if (reference == null || last.isEmpty() || lastThirdFrom <= referenceDay) {
        return null;
      }
      return new Flatness(
          referenceDay,
          reference.bytes(),
          lastThirdFrom,
          last.stream().mapToLong(DaySample::bytes).max().orElse(0),
          last.stream().mapToLong(DaySample::bytes).min().orElse(0));
    }
  }

  /**
   * The compressed month.
   *
   * @param cleanStartSeconds how long the rotation took to get rid of what the queue held before
   *     (or tried, until it gave up)
   * @param cleanStartPending 0 when it did; otherwise the rows still pending in those partitions,
   *     which no rotation detaches (the bench's reconciler, whose grace is 6 h, would mark them)
   * @param samples the queue's size once a day, day 0 included
   * @param flatness the verdict; null when the month was too short to judge
   * @param steps rotation steps over the month, by kind
   * @param rotationFailures rotation runs that failed (the database said no), over the month and
   *     the latency windows after it
   * @param sourcePerSecond updates the clients committed per second
   * @param updateMs the updates' statement times over the month
   * @param failedUpdates updates that failed
   * @param usage CPU and memory over the month
   */
  public record Month(
      double cleanStartSeconds,
      long cleanStartPending,
      List<DaySample> samples,
      Flatness flatness,
      Map<String, Long> steps,
      long rotationFailures,
      double sourcePerSecond,
      Percentiles updateMs,
      long failedUpdates,
      ResourceMeter.Usage usage) {
    public Month {
      samples = List.copyOf(samples);
      steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }
  }

  /**
   * One latency window.
   *
   * @param rotation whether the rotation ran in it
   * @param startSeconds since the first window began
   * @param seconds its length
   * @param updates updates that started in it and succeeded
   * @param failures updates that started in it and failed
   * @param steps rotation steps that took effect in it
   * @param p99Ms its statement time p99
   */
  public record Window(
      boolean rotation,
      double startSeconds,
      double seconds,
      long updates,
      long failures,
      long steps,
      double p99Ms) {}

  /**
   * Source update statement times in windows with the rotation running and without.
   *
   * @param windows in the order they ran
   * @param withRotation every update of the windows with rotation
   * @param withoutRotation every update of the windows without
   * @param failuresWith updates that failed in windows with rotation
   * @param failuresWithout updates that failed in windows without
   * @param steps rotation steps in the windows with rotation, by kind
   * @param rotationRunMs how long each rotation run took (reading the partitions and its steps)
   */
  public record Latency(
      List<Window> windows,
      Percentiles withRotation,
      Percentiles withoutRotation,
      long failuresWith,
      long failuresWithout,
      Map<String, Long> steps,
      Percentiles rotationRunMs) {
    public Latency {
      windows = List.copyOf(windows);
      steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public double p99Ratio() {
      return withoutRotation.p99() > 0 ? withRotation.p99() / withoutRotation.p99() : Double.NaN;
    }
  }

  /**
   * One full run of {@code Verification} (what {@code ./catalog-sync verify} runs).
   *
   * @param checked resources compared
   * @param seconds the pass over every resource
   * @param totalSeconds including the second look at resources in flight after the grace, if any
   * @param drifts resources found different from their project
   * @param changing resources still in flight at the second look
   * @param batchSize resources per query
   */
  public record VerifyRate(
      long checked,
      double seconds,
      double totalSeconds,
      long drifts,
      long changing,
      int batchSize) {
    public double perSecond() {
      return seconds > 0 ? checked / seconds : Double.NaN;
    }
  }

  /**
   * Freshness at 1000/s with the streams app's continuous verification on.
   *
   * @param freshness the phase, measured as every freshness phase
   * @param intervalMs verify.interval.ms
   * @param batchSize verify.batch-size
   * @param checked resources continuous verification compared during the phase
   * @param restartSeconds how long the two restarts of the streams app took together
   */
  public record VerifiedFreshness(
      FreshnessResult freshness,
      long intervalMs,
      int batchSize,
      long checked,
      double restartSeconds) {}
}
