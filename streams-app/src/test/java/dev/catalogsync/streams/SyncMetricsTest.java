package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {

  @Test
  void countsAppliedCoalescedAndFreshness() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    SyncMetrics metrics = new SyncMetrics(registry, Clock.fixed(now, ZoneOffset.UTC));

    metrics.applied(
        new ApplyResult(2, 2, 7),
        List.of(
            new StateWrite(1, 10, "a", null, 0, now.minusMillis(40)),
            new StateWrite(2, 12, "b", null, 0, now.minusMillis(120))));
    metrics.reconciled(new ReconcileResult(5, 3, 3, 1, true));
    metrics.caughtUp(10_000);
    metrics.catchUpActive(true);

    assertThat(registry.counter("catalog_sync_events_applied").count()).isEqualTo(7);
    assertThat(registry.counter("catalog_sync_rows_written").count()).isEqualTo(2);
    assertThat(registry.counter("catalog_sync_events_coalesced").count()).isEqualTo(5);
    assertThat(registry.counter("catalog_sync_events_reconciled").count()).isEqualTo(3);
    assertThat(registry.counter("catalog_sync_events_caught_up").count()).isEqualTo(10_000);
    assertThat(registry.get("catalog_sync_catchup_active").gauge().value()).isEqualTo(1);
    var freshness = registry.timer("catalog_sync_freshness");
    assertThat(freshness.count()).isEqualTo(2);
    assertThat(freshness.max(TimeUnit.MILLISECONDS)).isEqualTo(120);
    // The alert on the 250 ms target reads this bucket (monitoring/prometheus-rules.yml).
    assertThat(freshness.takeSnapshot().histogramCounts())
        .anySatisfy(
            bucket -> {
              assertThat(bucket.bucket(TimeUnit.MILLISECONDS)).isEqualTo(250);
              assertThat(bucket.count()).isEqualTo(2);
            });
  }
}
