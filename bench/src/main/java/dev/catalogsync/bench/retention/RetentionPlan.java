package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.workload.Rate;
import java.time.Duration;

/**
 * The sizes of the retention phases (issue 19): a compressed month of queue rotation, source update
 * latency with and without rotation, the verify rate, freshness with continuous verification. Not
 * options of their own: the full run and {@code --quick} each fix them.
 *
 * @param day how long a "day" is: the rotation's partition duration
 * @param retentionDays a detached partition is dropped this many days after its detach
 * @param monthDays how many days the compressed month runs (its queue size sampled once a day)
 * @param rate the steady source load of the month and of the latency windows
 * @param rotationTick how often the rotation runs while it is on (the streams app's reconcile tick)
 * @param windowPairs pairs of latency windows, one with rotation and one without
 * @param windowDays length of each latency window, in days
 * @param verifyInterval continuous verification's interval in the verified freshness phase
 * @param verifyBatch continuous verification's resources per tick there
 * @param verifyRateBatch resources per query of the one-off verify (the CLI's default)
 * @param verifyGrace how young a pending event is still in flight (the CLI's default)
 */
public record RetentionPlan(
    Duration day,
    int retentionDays,
    int monthDays,
    Rate rate,
    Duration rotationTick,
    int windowPairs,
    int windowDays,
    Duration verifyInterval,
    int verifyBatch,
    int verifyRateBatch,
    Duration verifyGrace) {

  /** Continuous verification's freshness phase runs at the rate the issue names. */
  public static final Rate VERIFIED_FRESHNESS_RATE = new Rate(1000);

  /** Queue size after the retention window within this factor of its value then: flat. */
  public static final double FLAT_FACTOR = 1.5;

  public static RetentionPlan of(boolean quick) {
    return quick
        ? new RetentionPlan(
            Duration.ofMillis(1500),
            7,
            16,
            new Rate(500),
            Duration.ofMillis(250),
            2,
            2,
            Duration.ofSeconds(1),
            1000,
            1000,
            Duration.ofSeconds(60))
        : new RetentionPlan(
            Duration.ofSeconds(2),
            7,
            30,
            new Rate(1000),
            Duration.ofMillis(250),
            4,
            3,
            Duration.ofSeconds(1),
            1000,
            1000,
            Duration.ofSeconds(60));
  }

  public Duration retention() {
    return day.multipliedBy(retentionDays);
  }

  /**
   * The day whose queue size the rest of the month is compared with: the end of the retention
   * window. A partition is active for a day, retired until no row in it is pending and the slot
   * confirmed it (about a second), then detached for the retention: the first partition of the
   * month is dropped at about day retention + 2; one more day of margin.
   */
  public int referenceDay() {
    return retentionDays + 3;
  }

  /** The first day of the month's last third, over which the queue size must stay flat. */
  public int lastThirdFrom() {
    return (int) Math.ceil(monthDays * 2 / 3.0);
  }

  public Duration window() {
    return day.multipliedBy(windowDays);
  }
}
