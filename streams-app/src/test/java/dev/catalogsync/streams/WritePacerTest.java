package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WritePacerTest {
  private final WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMinutes(10));

  @Test
  void nothingWaitingIsNeverDue() {
    assertThat(pacer.due(1_000, true)).isFalse();
  }

  @Test
  void caughtUpEveryTickWrites() {
    pacer.consumed(1_000, 1_020); // 20 ms behind
    assertThat(pacer.due(1_070, true)).isTrue();
  }

  @Test
  void behindWritesWaitAQuarterOfTheLag() {
    pacer.consumed(0, 8_000); // 8 s behind: may wait 2 s
    assertThat(pacer.due(9_000, true)).isFalse();
    assertThat(pacer.deferralMillis(9_000)).isEqualTo(2_250);
    assertThat(pacer.due(10_700, true)).isTrue(); // 2.7 s waited, 2.675 s allowed
  }

  @Test
  void noWriteWaitsLongerThanTheMaximum() {
    pacer.consumed(0, 3_600_000); // an hour behind
    assertThat(pacer.due(3_609_999, true)).isFalse();
    assertThat(pacer.due(3_610_000, true)).isTrue();
  }

  @Test
  void theLagIsTakenByTheDatabasesClock() {
    // Our clock is 30 s ahead of the database's: the event is fresh, not 30 s old.
    pacer.written(100_000, 70_000, true);
    pacer.consumed(69_990, 100_000);
    assertThat(pacer.lagMillis(100_000)).isEqualTo(10);
    assertThat(pacer.due(100_050, true)).isTrue();
  }

  @Test
  void aPartialWriteKeepsTheRestDue() {
    pacer.consumed(0, 60_000);
    pacer.written(70_000, 0, false);
    assertThat(pacer.due(70_050, true)).isTrue();
    pacer.written(70_050, 0, true);
    assertThat(pacer.due(70_100, true)).isFalse();
  }

  @Test
  void whenTheInputPausesNothingWaits() {
    WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMillis(100));
    pacer.consumed(0, 60_000); // a minute behind: may wait 10 s
    pacer.consumed(0, 60_050);
    assertThat(pacer.due(60_100, true)).isFalse();
    assertThat(pacer.due(60_150, true)).isTrue(); // 100 ms without input
    assertThat(pacer.due(60_150, false)).isFalse(); // only a busy thread: more to fetch
  }

  @Test
  void eventsWithoutATimeCountAsCaughtUp() {
    pacer.consumed(-1, 5_000);
    assertThat(pacer.lagMillis(9_000)).isZero();
    assertThat(pacer.due(5_050, true)).isTrue();
  }
}
