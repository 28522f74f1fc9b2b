package dev.catalogsync.streams;

import static dev.catalogsync.streams.WritePacer.Verdict.ASK_SOURCE;
import static dev.catalogsync.streams.WritePacer.Verdict.WAIT;
import static dev.catalogsync.streams.WritePacer.Verdict.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WritePacerTest {
  private final WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMinutes(10));

  @Test
  void nothingWaitingIsNeverDue() {
    assertThat(pacer.verdict(1_000, () -> true)).isEqualTo(WAIT);
  }

  @Test
  void caughtUpEveryTickWrites() {
    pacer.consumed(1_000, 1_020); // 20 ms behind
    assertThat(pacer.verdict(1_070, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void marksToTryAgainMakeTheNextTickDueWithoutNewInput() {
    pacer.consumed(1_000, 1_020);
    pacer.written(1_070, 0, true);
    assertThat(pacer.verdict(1_120, () -> true)).isEqualTo(WAIT);

    pacer.moreToDo(1_120);
    assertThat(pacer.verdict(1_170, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void behindWritesWaitAsLongAsTheAppIsBehind() {
    pacer.consumed(0, 8_000); // 8 s behind: may wait 8 s
    for (long now = 9_000; now < 16_000; now += 1_000) {
      pacer.consumed(now - 8_000, now); // still 8 s behind
      assertThat(pacer.verdict(now, () -> true)).isEqualTo(WAIT);
    }
    pacer.consumed(7_900, 15_900);
    assertThat(pacer.verdict(15_900, () -> true)).isEqualTo(WAIT); // 7.9 s waited
    pacer.consumed(8_000, 16_000);
    assertThat(pacer.deferralMillis(16_000)).isEqualTo(8_000);
    assertThat(pacer.verdict(16_000, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void whileTheAppFallsFurtherBehindWritesWaitForTheMaximum() {
    // The source commits faster than the app consumes: the input never reaches changes committed
    // after the wait began, so only the maximum (10 s here) ends it.
    pacer.consumed(0, 8_000);
    pacer.consumed(4_000, 17_999);
    assertThat(pacer.verdict(17_999, () -> true)).isEqualTo(WAIT);
    assertThat(pacer.verdict(18_000, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void theConsumersLagIsAskedOnlyForAPauseWhileWritesAreDeferred() {
    BooleanSupplier mustNotAsk =
        () -> {
          throw new AssertionError("asked whether the input is drained");
        };
    pacer.consumed(1_000, 1_020); // live: every tick writes, whatever the lag
    assertThat(pacer.verdict(1_070, mustNotAsk)).isEqualTo(WRITE);

    WritePacer pausing = new WritePacer(Duration.ofSeconds(10), Duration.ofMillis(100));
    pausing.consumed(0, 8_000); // 8 s behind: writes deferred
    assertThat(pausing.verdict(8_050, mustNotAsk)).isEqualTo(WAIT); // input not paused yet
    assertThat(pausing.verdict(8_200, () -> true)).isEqualTo(ASK_SOURCE);
  }

  @Test
  void aFewSecondsBehindUnderLoadStillCountsAsLive() {
    pacer.consumed(0, 3_000); // CDC 3 s behind under load
    assertThat(pacer.deferralMillis(4_999)).isZero();
    assertThat(pacer.verdict(3_050, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void noWriteWaitsLongerThanTheMaximum() {
    pacer.consumed(0, 3_600_000); // an hour behind
    assertThat(pacer.verdict(3_609_999, () -> true)).isEqualTo(WAIT);
    assertThat(pacer.verdict(3_610_000, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void theLagIsTakenByTheDatabasesClock() {
    // Our clock is 30 s ahead of the database's: the event is fresh, not 30 s old.
    pacer.written(100_000, 70_000, true);
    pacer.consumed(69_990, 100_000);
    assertThat(pacer.lagMillis(100_000)).isEqualTo(10);
    assertThat(pacer.verdict(100_050, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void aPartialWriteKeepsTheRestDue() {
    pacer.consumed(0, 60_000);
    pacer.written(70_000, 0, false);
    assertThat(pacer.verdict(70_050, () -> true)).isEqualTo(WRITE);
    pacer.written(70_050, 0, true);
    assertThat(pacer.verdict(70_100, () -> true)).isEqualTo(WAIT);
  }

  @Test
  void aPauseOfTheInputWhileBehindAsksTheSource() {
    WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMillis(100));
    pacer.consumed(0, 60_000); // a minute behind: may wait 10 s
    pacer.consumed(0, 60_050);
    assertThat(pacer.verdict(60_100, () -> true)).isEqualTo(WAIT);
    assertThat(pacer.verdict(60_150, () -> true)).isEqualTo(ASK_SOURCE); // 100 ms without input
    assertThat(pacer.verdict(60_150, () -> false))
        .isEqualTo(WAIT); // only a busy thread: more to fetch
  }

  @Test
  void theEndOfTheBacklogAtTheSourceEndsTheWait() {
    WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMillis(100));
    pacer.consumed(5_000, 60_000); // the newest consumed event was committed at 5 s
    assertThat(pacer.verdict(60_200, () -> true)).isEqualTo(ASK_SOURCE);
    // The source's newest event is that one's transaction: nothing more to come.
    assertThat(pacer.sourceAhead(4_900, 60_200)).isFalse();
  }

  @Test
  void whileTheSourceIsAheadAPauseIsOnlyCdcBetweenBursts() {
    WritePacer pacer = new WritePacer(Duration.ofSeconds(10), Duration.ofMillis(100));
    pacer.consumed(5_000, 60_000);
    assertThat(pacer.verdict(60_200, () -> true)).isEqualTo(ASK_SOURCE);
    assertThat(pacer.sourceAhead(30_000, 60_200)).isTrue(); // events of 25 s later are queued
    // Not asked again for a while: one cheap query per pause, not per tick.
    assertThat(pacer.verdict(60_250, () -> true)).isEqualTo(WAIT);
    assertThat(pacer.verdict(60_700, () -> true)).isEqualTo(ASK_SOURCE);
    // The longest wait still holds.
    assertThat(pacer.verdict(70_000, () -> true)).isEqualTo(WRITE);
  }

  @Test
  void aSourceThatCannotTellHoldsNothingBack() {
    pacer.consumed(5_000, 60_000);
    assertThat(pacer.sourceAhead(-1, 60_200)).isFalse();
  }

  @Test
  void eventsWithoutATimeCountAsCaughtUp() {
    pacer.consumed(-1, 5_000);
    assertThat(pacer.lagMillis(9_000)).isZero();
    assertThat(pacer.verdict(5_050, () -> true)).isEqualTo(WRITE);
    assertThat(pacer.sourceAhead(4_000, 5_050)).isFalse();
  }
}
