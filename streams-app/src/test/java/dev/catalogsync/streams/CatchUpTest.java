package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** When the catch-up starts, how long a round goes on, and when it stops; on a scripted queue. */
class CatchUpTest {
  private static final int THRESHOLD = 1000;
  private static final int BATCH = 100;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScriptedQueue queue = new ScriptedQueue();
  private final AtomicBoolean flag = new AtomicBoolean(true);
  private final CatchUp catchUp =
      new CatchUp(
          queue,
          new StreamsAppConfig.CatchUp(
              true, THRESHOLD, Duration.ofSeconds(2), BATCH, Duration.ofSeconds(1)),
          flag::get,
          new SyncMetrics(registry, Clock.systemUTC()));

  @Test
  void belowTheThresholdOneCountIsAllItCosts() {
    queue.pending.add((long) THRESHOLD - 1);

    catchUp.check();

    assertThat(catchUp.active()).isFalse();
    assertThat(queue.calls).containsExactly("pending<=1000");
    assertThat(active()).isZero();
  }

  @Test
  void atTheThresholdItCopiesBatchesBackToBackUntilOneIsNotFull() {
    queue.pending.add((long) THRESHOLD);
    queue.batches.add(full());
    queue.batches.add(full());
    queue.batches.add(new ReconcileBatch.Result(40, 40, 12));

    catchUp.check();

    assertThat(catchUp.active()).isTrue();
    assertThat(queue.calls)
        .containsExactly("pending<=1000", "batch PT2S 100", "batch PT2S 100", "batch PT2S 100");
    assertThat(caughtUp()).isEqualTo(240);
    assertThat(active()).isEqualTo(1);
  }

  @Test
  void itStopsOnceNothingOlderThanTheGraceIsLeftAndFewAreLeftPending() {
    start();
    queue.batches.add(new ReconcileBatch.Result(0, 0, 0));
    queue.pending.add(5L); // the live traffic's few, in flight

    catchUp.check();

    assertThat(catchUp.active()).isFalse();
    assertThat(active()).isZero();
  }

  @Test
  void itGoesOnWhileRowsOlderThanTheGraceKeepComingThoughFewArePending() {
    // CDC still far behind after the backlog was caught up: live events wait behind it.
    start();
    queue.batches.add(new ReconcileBatch.Result(30, 30, 30));

    catchUp.check();

    assertThat(catchUp.active()).isTrue();
    assertThat(queue.calls).doesNotContain("pending<=1000"); // it settled some: no count needed
  }

  @Test
  void aBacklogTooYoungForTheGraceKeepsItWaitingInsteadOfStopping() {
    start();
    queue.batches.add(new ReconcileBatch.Result(0, 0, 0));
    queue.pending.add((long) THRESHOLD);

    catchUp.check();

    assertThat(catchUp.active()).isTrue();
  }

  @Test
  void rowsItCannotSettleEndTheRoundAndDoNotKeepItRunning() {
    // Their resources are locked right now (the stream is writing them, or the host holds them).
    start();
    queue.batches.add(new ReconcileBatch.Result(BATCH, 0, 0));
    queue.pending.add(3L);

    catchUp.check();

    assertThat(queue.calls).containsExactly("batch PT2S 100", "pending<=1000");
    assertThat(catchUp.active()).isFalse();
  }

  @Test
  void anotherInstanceHoldingTheLockChangesNothingHere() {
    start();
    queue.batches.add(null);

    catchUp.check();

    assertThat(catchUp.active()).isTrue();
    assertThat(queue.calls).containsExactly("batch PT2S 100");
  }

  @Test
  void withTheFlagOffItAsksNothingAndStops() {
    start();
    flag.set(false);

    catchUp.check();

    assertThat(queue.calls).isEmpty();
    assertThat(catchUp.active()).isFalse();
  }

  @Test
  void aDatabaseFailureDropsTheConnectionAndKeepsTheState() {
    start();
    queue.failNext = true;

    catchUp.check();

    assertThat(queue.calls).containsExactly("batch PT2S 100", "drop");
    assertThat(catchUp.active()).isTrue();
  }

  @Test
  void closingStopsIt() {
    start();

    catchUp.close();

    assertThat(catchUp.active()).isFalse();
    assertThat(queue.calls).containsExactly("close");
    assertThat(active()).isZero();
  }

  /** Active, after one round that took one full batch and then found nothing more. */
  private void start() {
    queue.pending.add((long) THRESHOLD);
    queue.batches.add(full());
    queue.batches.add(new ReconcileBatch.Result(0, 0, 0));
    catchUp.check();
    assertThat(catchUp.active()).isTrue();
    queue.calls.clear();
  }

  private static ReconcileBatch.Result full() {
    return new ReconcileBatch.Result(BATCH, BATCH, BATCH / 2);
  }

  private double caughtUp() {
    return registry.counter("catalog_sync_events_caught_up").count();
  }

  private double active() {
    return registry.get("catalog_sync_catchup_active").gauge().value();
  }

  /** Answers from scripts, and records what it was asked. */
  private static final class ScriptedQueue implements CatchUpQueue {
    final Deque<Long> pending = new ArrayDeque<>();
    final Deque<ReconcileBatch.Result> batches = new LinkedList<>(); // null: lock held elsewhere
    final List<String> calls = new ArrayList<>();
    boolean failNext;

    @Override
    public long pending(int atMost) {
      calls.add("pending<=" + atMost);
      return Math.min(atMost, pending.remove());
    }

    @Override
    public ReconcileBatch.Result batch(Duration grace, int size) throws SQLException {
      calls.add("batch " + grace + " " + size);
      if (failNext) {
        failNext = false;
        throw new SQLException("connection refused", "08001");
      }
      return batches.isEmpty() ? new ReconcileBatch.Result(0, 0, 0) : batches.remove();
    }

    @Override
    public void drop() {
      calls.add("drop");
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }
}
