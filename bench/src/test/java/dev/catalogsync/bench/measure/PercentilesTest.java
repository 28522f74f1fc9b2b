package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOnOneToHundred() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[99 - i] = i + 1; // reversed: the input need not be sorted
    }
    Percentiles p = Percentiles.of(values);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p95()).isEqualTo(95);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
    assertThat(values[0]).isEqualTo(100); // the caller's array is untouched
  }

  @Test
  void smallSetsReportObservedValues() {
    Percentiles p = Percentiles.of(new double[] {10, 1000, 20});
    assertThat(p.p50()).isEqualTo(20);
    assertThat(p.p99()).isEqualTo(1000);
    assertThat(Percentiles.of(new double[] {5}).p50()).isEqualTo(5);
  }

  @Test
  void emptyIsNotANumber() {
    Percentiles p = Percentiles.of(new double[0]);
    assertThat(p.count()).isZero();
    assertThat(p.p99()).isNaN();
  }
}
