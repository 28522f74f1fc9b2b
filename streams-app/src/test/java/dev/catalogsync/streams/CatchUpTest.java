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

/** When the catch-up starts, what a round does, and when it stops; on a scripted queue. */
class CatchUpTest {
  private static final int THRESHOLD = 1000;
  private static final int WINDOW = 100;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScriptedQueue queue = new ScriptedQueue();
  private final AtomicBoolean flag = new AtomicBoolean(true);
  private final AtomicBoolean active = new AtomicBoolean();
  private final CatchUp catchUp =
      new CatchUp(
          queue,
          new StreamsAppConfig.CatchUp(
              true, THRESHOLD, Duration.ofSeconds(2), WINDOW, Duration.ofSeconds(1)),
          flag::get,
          new SyncMetrics(registry, Clock.systemUTC()),
          active);

  @Test
  void belowTheThresholdOneCountIsAllItCosts() {
    queue.pending.add((long) THRESHOLD - 1);

    catchUp.check();

    assertThat(active).isFalse();
    assertThat(queue.calls).containsExactly("pending<=1000");
    assertThat(activeGauge()).isZero();
  }

  @Test
  void atTheThresholdItCopiesEveryWindowFirstThenMarksEveryWindow() {
    queue.pending.add((long) THRESHOLD);
    queue.copies.add(new CatchUpQueue.Window(WINDOW, 100, 60));
    queue.copies.add(new CatchUpQueue.Window(40, 140, 10));
    queue.marks.add(new CatchUpQueue.Window(WINDOW, 100, 100));
    queue.marks.add(new CatchUpQueue.Window(40, 140, 38));

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls)
        .containsExactly(
            "pending<=1000", "copy after 0", "copy after 100", "mark after 0", "mark after 100");
    assertThat(caughtUp()).isEqualTo(138);
    assertThat(activeGauge()).isEqualTo(1);
  }

  @Test
  void itStopsOnceNothingOlderThanTheGraceIsLeftAndFewArePending() {
    start();
    queue.pending.add(5L); // the live traffic's few, in flight

    catchUp.check(); // both passes find empty windows

    assertThat(active).isFalse();
    assertThat(activeGauge()).isZero();
  }

  @Test
  void itGoesOnWhileRowsOlderThanTheGraceKeepComingThoughFewArePending() {
    // CDC still far behind after the backlog was caught up: live events wait behind it.
    start();
    queue.copies.add(new CatchUpQueue.Window(30, 530, 8));
    queue.marks.add(new CatchUpQueue.Window(30, 530, 30));

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls).doesNotContain("pending<=1000"); // it marked some: no count needed
  }

  @Test
  void aBacklogTooYoungForTheGraceKeepsItWaitingInsteadOfStopping() {
    start();
    queue.pending.add((long) THRESHOLD);

    catchUp.check();

    assertThat(active).isTrue();
  }

  @Test
  void rowsItCannotSettleDoNotKeepItRunning() {
    // Their resources were locked when it copied (the stream writing them, or the host).
    start();
    queue.copies.add(new CatchUpQueue.Window(3, 703, 0));
    queue.marks.add(new CatchUpQueue.Window(3, 703, 0));
    queue.pending.add(3L);

    catchUp.check();

    assertThat(queue.calls).containsExactly("copy after 0", "mark after 0", "pending<=1000");
    assertThat(active).isFalse();
  }

  @Test
  void anotherInstanceHoldingTheLockChangesNothingHere() {
    start();
    queue.copies.add(null);

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls).containsExactly("copy after 0");
  }

  @Test
  void withTheFlagOffItAsksNothingAndStops() {
    start();
    flag.set(false);

    catchUp.check();

    assertThat(queue.calls).isEmpty();
    assertThat(active).isFalse();
  }

  @Test
  void aDatabaseFailureDropsTheConnectionAndKeepsTheState() {
    start();
    queue.failNext = true;

    catchUp.check();

    assertThat(queue.calls).containsExactly("copy after 0", "drop");
    assertThat(active).isTrue();
  }

  @Test
  void closingStopsIt() {
    start();

    catchUp.close();

    assertThat(active).isFalse();
    assertThat(queue.calls).containsExactly("close");
    assertThat(activeGauge()).isZero();
  }

  /** Active, after a round that copied and marked one window. */
  private void start() {
    queue.pending.add((long) THRESHOLD);
    queue.copies.add(new CatchUpQueue.Window(10, 10, 10));
    queue.marks.add(new CatchUpQueue.Window(10, 10, 10));
    catchUp.check();
    assertThat(active).isTrue();
    queue.calls.clear();
  }

  private double caughtUp() {
    return registry.counter("catalog_sync_events_caught_up").count();
  }

  private double activeGauge() {
    return registry.get("catalog_sync_catchup_active").gauge().value();
  }

  /** Answers from scripts (an empty window once a script is used up), and records the calls. */
  private static final class ScriptedQueue implements CatchUpQueue {
    final Deque<Long> pending = new ArrayDeque<>();
    final Deque<Window> copies = new LinkedList<>(); // null: the lock is held elsewhere
    final Deque<Window> marks = new LinkedList<>();
    final List<String> calls = new ArrayList<>();
    boolean failNext;

    @Override
    public long pending(int atMost) {
      calls.add("pending<=" + atMost);
      return Math.min(atMost, pending.remove());
    }

    @Override
    public Window copy(long afterId, Duration grace, int size) throws SQLException {
      calls.add("copy after " + afterId);
      if (failNext) {
        failNext = false;
        throw new SQLException("connection refused", "08001");
      }
      return next(copies, afterId);
    }

    @Override
    public Window mark(long afterId, Duration grace, int size) {
      calls.add("mark after " + afterId);
      return next(marks, afterId);
    }

    private static Window next(Deque<Window> script, long afterId) {
      return script.isEmpty() ? new Window(0, afterId, 0) : script.remove();
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
