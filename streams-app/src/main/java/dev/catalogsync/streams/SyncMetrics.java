package dev.catalogsync.streams;

import dev.catalogsync.streams.verify.ContinuousVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync figures operators watch, registered in Micrometer's global registry so that whichever
 * process hosts the app (CLI, dev mode, a user's own main) can export them without wiring.
 */
public final class SyncMetrics {
  /**
   * The freshness p99 the pipeline is built for (README, Performance); set before GLOBAL uses it.
   */
  static final Duration FRESHNESS_TARGET = Duration.ofMillis(250);

  private static final SyncMetrics GLOBAL =
      new SyncMetrics(Metrics.globalRegistry, Clock.systemUTC());

  private final Clock clock;
  private final Counter eventsApplied;
  private final Counter rowsWritten;
  private final Counter eventsCoalesced;
  private final Counter eventsReconciled;
  private final Counter eventsCaughtUp;
  private final AtomicInteger catchUpActive = new AtomicInteger();
  private final Timer freshness;
  private final Counter verifyChecked;
  private final Counter verifyDriftFound;
  private final Counter verifyDriftRepaired;
  private final AtomicLong lastFullPassMillis = new AtomicLong(-1);

  SyncMetrics(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.eventsApplied =
        Counter.builder("catalog_sync_events_applied")
            .description("Sync events marked processed by the stream's batched writer")
            .register(registry);
    this.rowsWritten =
        Counter.builder("catalog_sync_rows_written")
            .description("catalog_resources rows changed by the stream's batched writer")
            .register(registry);
    this.eventsCoalesced =
        Counter.builder("catalog_sync_events_coalesced")
            .description(
                "Events processed without a row write of their own (superseded in a window)")
            .register(registry);
    this.eventsReconciled =
        Counter.builder("catalog_sync_events_reconciled")
            .description("Pending events the reconciler processed (missed by CDC)")
            .register(registry);
    this.eventsCaughtUp =
        Counter.builder("catalog_sync_events_caught_up")
            .description(
                "Pending events whose resources the catch-up copied from the database while far"
                    + " behind (the stream marks them when CDC delivers them)")
            .register(registry);
    Gauge.builder("catalog_sync_catchup_active", catchUpActive, AtomicInteger::get)
        .description("1 while this instance catches up from the database, else 0")
        .register(registry);
    this.freshness =
        Timer.builder("catalog_sync_freshness")
            .description("Source event creation to resource row written, per written state")
            .publishPercentileHistogram()
            // A bucket bound at the 250 ms p99 target: the freshness alert then compares with a
            // counted bound, not with a guess between the default buckets either side of it.
            .serviceLevelObjectives(FRESHNESS_TARGET)
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    this.verifyChecked =
        Counter.builder("catalog_sync_verify_checked")
            .description("Resources continuous verification compared with their projects")
            .register(registry);
    this.verifyDriftFound =
        Counter.builder("catalog_sync_verify_drift_found")
            .description("Resources found different from their projects with no event in flight")
            .register(registry);
    this.verifyDriftRepaired =
        Counter.builder("catalog_sync_verify_drift_repaired")
            .description("Sync events enqueued to repair drift (verify.repair=true)")
            .register(registry);
    Gauge.builder(
            "catalog_sync_verify_last_full_pass_age_seconds", this, SyncMetrics::lastFullPassAge)
        .description("Since continuous verification last compared every resource; NaN before")
        .register(registry);
  }

  public static SyncMetrics global() {
    return GLOBAL;
  }

  void applied(ApplyResult result, List<StateWrite> batch) {
    eventsApplied.increment(result.eventsProcessed());
    rowsWritten.increment(result.rowsWritten());
    eventsCoalesced.increment(Math.max(0, result.eventsProcessed() - result.rowsWritten()));
    Instant now = clock.instant();
    for (StateWrite write : batch) {
      if (write.createdAt() != null) {
        freshness.record(Duration.between(write.createdAt(), now));
      }
    }
  }

  void verified(ContinuousVerifier.Tick tick) {
    verifyChecked.increment(tick.checked());
    verifyDriftFound.increment(tick.drifted());
    verifyDriftRepaired.increment(tick.repaired());
    if (tick.lastFullPassMillis() >= 0) {
      lastFullPassMillis.set(tick.lastFullPassMillis());
    }
  }

  private double lastFullPassAge() {
    long at = lastFullPassMillis.get();
    return at < 0 ? Double.NaN : (clock.millis() - at) / 1000.0;
  }

  void reconciled(ReconcileResult result) {
    eventsReconciled.increment(result.processedEvents());
  }

  void caughtUp(long events) {
    eventsCaughtUp.increment(events);
  }

  void catchUpActive(boolean active) {
    catchUpActive.set(active ? 1 : 0);
  }
}
