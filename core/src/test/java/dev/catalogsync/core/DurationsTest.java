package dev.catalogsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void unitsAsPeopleWriteThemAndIso() {
    assertThat(Durations.parse("500ms", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1.5s", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("10s", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("2m", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h", ChronoUnit.MILLIS)).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("7d", ChronoUnit.MILLIS)).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("P1D", ChronoUnit.MILLIS)).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT10S", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBareNumberIsInTheUnitTheSettingIsNamedFor() {
    assertThat(Durations.parse("60000", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("60", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anythingElseIsRefusedWithExamples() {
    assertThatThrownBy(() -> Durations.parse("soon", ChronoUnit.SECONDS))
        .hasMessageContaining("'soon' is not a duration (e.g. 500ms, 10s");
  }

  @Test
  void everyTimeSettingTakesThemTooAndABadOneNamesItsKey() {
    Settings s = Settings.of(Map.of("a.ms", "10s", "b.ms", "0", "c.ms", "later"));
    assertThat(s.millis("a.ms")).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.millisOrOff("b.ms")).isZero();
    assertThatThrownBy(() -> s.millis("b.ms")).hasMessageContaining("b.ms");
    assertThatThrownBy(() -> s.millis("c.ms"))
        .hasMessageContaining("c.ms")
        .hasMessageContaining("must be a duration above 0");
  }
}
