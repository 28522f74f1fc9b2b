package dev.catalogsync.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyDriverTest {

  @Test
  void aWindowHoldsTheUpdatesThatStartedInIt() {
    LatencyDriver.Recording rec =
        new LatencyDriver.Recording(
            new long[] {100, 200, 300, 400, 500},
            new long[] {1_000_000, 2_500_000, -1, 4_000_000, 5_000_000},
            1);

    assertThat(rec.millis(200, 500)).containsExactly(2.5, 4.0);
    assertThat(rec.failures(200, 500)).isEqualTo(1);
    assertThat(rec.failures(400, 600)).isZero();
    assertThat(rec.millis(600, 700)).isEmpty();
  }
}
