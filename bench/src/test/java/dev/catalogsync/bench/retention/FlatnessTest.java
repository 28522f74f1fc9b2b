package dev.catalogsync.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlatnessTest {
  private static final RetentionPlan FULL = RetentionPlan.of(false);

  private static RetentionResult.Flatness judge(List<RetentionResult.DaySample> samples) {
    return RetentionResult.Flatness.of(samples, FULL.referenceDay(), FULL.lastThirdFrom());
  }

  @Test
  void theWindowsFollowTheRetention() {
    assertThat(FULL.referenceDay()).isEqualTo(10);
    assertThat(FULL.lastThirdFrom()).isEqualTo(20);
    RetentionPlan quick = RetentionPlan.of(true);
    assertThat(quick.lastThirdFrom()).isGreaterThan(quick.referenceDay());
    assertThat(quick.day().toMillis()).isGreaterThan(1000); // the spare settles for a second
  }

  @Test
  void aQueueThatStopsGrowingAfterTheRetentionIsFlat() {
    RetentionResult.Flatness f =
        judge(Fixtures.days(30, d -> Math.min(d, 9) * 1000L + d % 2 * 500));

    assertThat(f.referenceBytes()).isEqualTo(9000);
    assertThat(f.lastThirdMaxBytes()).isEqualTo(9500);
    assertThat(f.lastThirdMinBytes()).isEqualTo(9000);
    assertThat(f.flat()).isTrue();
  }

  @Test
  void aQueueThatKeepsGrowingIsNot() {
    RetentionResult.Flatness f = judge(Fixtures.days(30, d -> d * 1000L));

    assertThat(f.ratio()).isEqualTo(3.0);
    assertThat(f.flat()).isFalse();
  }

  @Test
  void theLimitIsInclusive() {
    assertThat(judge(Fixtures.days(30, d -> d >= 20 ? 1500 : 1000)).flat()).isTrue();
    assertThat(judge(Fixtures.days(30, d -> d >= 20 ? 1501 : 1000)).flat()).isFalse();
  }

  @Test
  void aMonthThatEndsBeforeItsLastThirdCannotBeJudged() {
    assertThat(judge(Fixtures.days(9, d -> 1000))).isNull();
    assertThat(judge(Fixtures.days(19, d -> 1000))).isNull();
  }

  @Test
  void anEmptyReferenceIsNotFlat() {
    assertThat(judge(Fixtures.days(30, d -> 0)).flat()).isFalse();
  }
}
