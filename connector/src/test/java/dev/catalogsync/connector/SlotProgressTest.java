package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** When a slot that does not advance makes the connector not ready, on made-up readings. */
class SlotProgressTest {
  private static final String LIMIT = "5 heartbeat intervals (50 s)";

  private final SlotProgress progress =
      new SlotProgress("catalog_sync_slot", Duration.ofSeconds(50), LIMIT, at(0));

  @Test
  void aSlotThatStandsStillLongerThanTheLimitWhileEventsArePendingIsStalled() {
    progress.observe(1000, at(0));
    progress.observe(1000, at(50));
    assertThat(progress.problem(pending(123))).isEmpty(); // not more than the limit yet

    progress.observe(1000, at(55));

    assertThat(progress.stalledFor()).isEqualTo(Duration.ofSeconds(55));
    assertThat(progress.problem(pending(123)))
        .hasValue(
            "replication slot catalog_sync_slot has not advanced for 55 s, more than "
                + LIMIT
                + ", while 123 events are pending: the connector's progress does not reach the"
                + " slot, which retains WAL (offsets not saved? see the log)");
  }

  @Test
  void itIsReadyAgainOnceTheSlotAdvances() {
    progress.observe(1000, at(0));
    progress.observe(1000, at(60));
    assertThat(progress.problem(pending(1))).isPresent();

    progress.observe(2000, at(65));

    assertThat(progress.stalledFor()).isZero();
    assertThat(progress.problem(pending(1))).isEmpty();
    progress.observe(2000, at(100));
    assertThat(progress.stalledFor()).isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void withNothingPendingAStillSlotIsNoProblemAndTheQueueIsOnlyCountedWhenStill() {
    AtomicInteger counted = new AtomicInteger();
    LongSupplier empty =
        () -> {
          counted.incrementAndGet();
          return 0;
        };
    progress.observe(1000, at(0));
    progress.observe(1000, at(10));
    assertThat(progress.problem(empty)).isEmpty();
    assertThat(counted).hasValue(0);

    progress.observe(1000, at(120));
    assertThat(progress.problem(empty)).isEmpty();
    assertThat(progress.problem(pending(-1))).isEmpty(); // the count is not known
    assertThat(counted).hasValue(1);
  }

  @Test
  void aLargeBacklogIsNamedByItsBound() {
    progress.observe(1000, at(0));
    progress.observe(1000, at(60));

    assertThat(progress.problem(pending(PendingEvents.BOUND + 1)))
        .hasValueSatisfying(
            p -> assertThat(p).contains("while more than 10000 events are pending"));
  }

  @Test
  void stillnessIsMeasuredUpToTheLastReadingNotUpToNow() {
    progress.observe(1000, at(0));
    progress.observe(1000, at(30));

    // Nothing read for a long while: it may have moved meanwhile, so no verdict beyond 30 s.
    assertThat(progress.stalledFor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(progress.problem(pending(5))).isEmpty();
  }

  @Test
  void readingsThatFailedChangeNothing() {
    progress.observe(1000, at(0));
    progress.observe(-1, at(60));
    assertThat(progress.problem(pending(5))).isEmpty();

    progress.observe(1000, at(61));
    assertThat(progress.problem(pending(5))).isPresent();
  }

  @Test
  void aNewStreamGetsTheFullLimitWhateverTheSlotDidBefore() {
    progress.observe(1000, at(0));
    progress.observe(1000, at(120));
    assertThat(progress.problem(pending(5))).isPresent();

    progress.streamStarted(at(125));
    progress.observe(1000, at(130)); // the first reading is the new stream's starting point
    assertThat(progress.problem(pending(5))).isEmpty();
    progress.observe(1000, at(180));

    assertThat(progress.stalledFor()).isEqualTo(Duration.ofSeconds(55));
    assertThat(progress.problem(pending(5))).isPresent();
  }

  @Test
  void aZeroLimitIsOff() {
    SlotProgress off = new SlotProgress("catalog_sync_slot", Duration.ZERO, "off", at(0));
    off.observe(1000, at(0));
    off.observe(1000, at(3600));

    assertThat(off.problem(pending(5))).isEmpty();
  }

  @Test
  void theLimitIsCountedInHeartbeatsOrInOffsetFlushesWhenThoseAreLonger() {
    assertThat(limitWords("10000", "1000", "5")).isEqualTo("5 heartbeat intervals (50 s)");
    assertThat(limitWords("500", "200", "5")).isEqualTo("5 heartbeat intervals (2500 ms)");
    assertThat(limitWords("10000", "60000", "3")).isEqualTo("3 offset flush intervals (180 s)");
  }

  @Test
  void theCheckIsOffWhenTurnedOffOrWithoutHeartbeats() {
    assertThat(stalledAfterAnHour(config("connector.stall-heartbeats", "0"))).isFalse();
    assertThat(stalledAfterAnHour(config("debezium.heartbeat.interval.ms", "0"))).isFalse();
    assertThat(stalledAfterAnHour(config())).isTrue();
  }

  private static boolean stalledAfterAnHour(ConnectorConfig config) {
    SlotProgress p = SlotProgress.of(config, at(0));
    p.observe(1000, at(0));
    p.observe(1000, at(3600));
    return p.problem(pending(5)).isPresent();
  }

  private static String limitWords(String heartbeat, String flush, String heartbeats) {
    ConnectorConfig config =
        config(
            "connector.heartbeat-interval.ms", heartbeat,
            "connector.offset-flush-interval.ms", flush,
            "connector.stall-heartbeats", heartbeats);
    SlotProgress p = SlotProgress.of(config, at(0));
    p.observe(1000, at(0));
    p.observe(1000, at(100_000));
    String problem = p.problem(pending(1)).orElseThrow();
    return problem.substring(
        problem.indexOf("more than ") + "more than ".length(), problem.indexOf(", while"));
  }

  /** The shipped defaults with some values replaced; no database is reached. */
  private static ConnectorConfig config(String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    values.put("database.user", "postgres");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConnectorConfig.from(TestConfigs.settings(values));
  }

  private static LongSupplier pending(long count) {
    return () -> count;
  }

  /** A monotonic time, in seconds from the test's start. */
  private static long at(long seconds) {
    return Duration.ofSeconds(seconds).toNanos();
  }
}
