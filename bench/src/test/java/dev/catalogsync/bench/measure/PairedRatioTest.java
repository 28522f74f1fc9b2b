package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

  @Test
  void aConstantRatioHasNoWidth() {
    PairedRatio r = PairedRatio.of(List.of(90.0, 45.0, 180.0), List.of(100.0, 50.0, 200.0));

    assertThat(r.ratio()).isCloseTo(0.9, within(1e-9));
    assertThat(r.low()).isCloseTo(0.9, within(1e-9));
    assertThat(r.high()).isCloseTo(0.9, within(1e-9));
    assertThat(r.rounds()).isEqualTo(3);
  }

  @Test
  void roundsThatDisagreeGiveAnIntervalAroundTheGeometricMean() {
    // Ratios 0.8 and 1.25: geometric mean 1; logs -0.223 and +0.223, standard error 0.223,
    // t(1 degree of freedom) = 12.706.
    PairedRatio r = PairedRatio.of(List.of(80.0, 125.0), List.of(100.0, 100.0));

    assertThat(r.ratio()).isCloseTo(1.0, within(1e-9));
    assertThat(Math.log(r.high())).isCloseTo(12.706 * Math.log(1.25), within(1e-6));
    assertThat(Math.log(r.low())).isCloseTo(-12.706 * Math.log(1.25), within(1e-6));
  }

  @Test
  void slowerRoundsOfBothVariantsDoNotMoveTheRatio() {
    // The machine halves its speed in round two; the paired ratio stays at 0.95.
    PairedRatio r = PairedRatio.of(List.of(95.0, 47.5), List.of(100.0, 50.0));

    assertThat(r.ratio()).isCloseTo(0.95, within(1e-9));
    assertThat(r.high() - r.low()).isCloseTo(0, within(1e-9));
  }

  @Test
  void nothingToPairIsNotANumber() {
    assertThat(PairedRatio.of(List.of(), List.of()).ratio()).isNaN();
    assertThat(PairedRatio.of(List.of(1.0), List.of(2.0)).low()).isNaN();
  }
}
