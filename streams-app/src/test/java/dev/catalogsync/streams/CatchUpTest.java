package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
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
    assertThat(queue.calls).containsExactly("pending>0<=1000");
    assertThat(activeGauge()).isZero();
  }

  @Test
  void atTheThresholdItCopiesEveryWindowAndMarksNothing() {
    queue.pending.add((long) THRESHOLD);
    queue.copies.add(new CatchUpQueue.Window(WINDOW, 100, 60));
    queue.copies.add(new CatchUpQueue.Window(40, 140, 10));

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls).containsExactly("pending>0<=1000", "copy after 0", "copy after 100");
    assertThat(caughtUp()).isEqualTo(140);
    assertThat(activeGauge()).isEqualTo(1);
  }

  @Test
  void itStopsOnceNothingOlderThanTheGraceIsLeftAndFewArePending() {
    start();
    queue.pending.add(5L); // the live traffic's few, in flight

    catchUp.check(); // an empty window after what it copied

    assertThat(queue.calls).containsExactly("copy after 10", "pending>10<=1000");
    assertThat(active).isFalse();
    assertThat(activeGauge()).isZero();
  }

  @Test
  void rowsItCopiedDoNotCountAgainNorStartItAgain() {
    // They stay pending until CDC delivers them: the stream marks them then.
    start();
    queue.pending.add(5L);
    catchUp.check();
    queue.calls.clear();
    queue.pending.add(5L);

    catchUp.check();

    assertThat(queue.calls).containsExactly("pending>10<=1000");
    assertThat(active).isFalse();
  }

  @Test
  void aNewBacklogAfterWhatItCopiedStartsItThere() {
    start();
    queue.pending.add(5L);
    catchUp.check();
    queue.calls.clear();
    queue.pending.add((long) THRESHOLD);
    queue.copies.add(new CatchUpQueue.Window(20, 530, 20));

    catchUp.check();

    assertThat(queue.calls).containsExactly("pending>10<=1000", "copy after 10");
    assertThat(active).isTrue();
  }

  @Test
  void itGoesOnWhileRowsOlderThanTheGraceKeepComingThoughFewArePending() {
    // CDC still far behind after the backlog was caught up: live events wait behind it.
    start();
    queue.copies.add(new CatchUpQueue.Window(30, 530, 8));

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls).containsExactly("copy after 10"); // it copied some: no count needed
  }

  @Test
  void aBacklogTooYoungForTheGraceKeepsItWaitingInsteadOfStopping() {
    start();
    queue.pending.add((long) THRESHOLD);

    catchUp.check();

    assertThat(active).isTrue();
  }

  @Test
  void resourcesFoundLockedAreTriedAgainNextRound() {
    // Locked when it copied (the stream writing them, or the host): tried again, not left behind.
    start();
    queue.copies.add(new CatchUpQueue.Window(3, 703, 0, List.of(7L)));
    queue.pending.add(3L);

    catchUp.check();
    catchUp.check();

    assertThat(queue.calls)
        .containsExactly("copy after 10", "copy after 703 retry [7]", "pending>703<=1000");
    assertThat(active).isFalse();
  }

  @Test
  void aResourceLockedRoundAfterRoundIsLeftToTheStreamAfterAFewTries() {
    start();
    for (int i = 0; i <= CatchUp.LOCKED_TRIES; i++) {
      queue.copies.add(new CatchUpQueue.Window(0, 10, 0, List.of(7L)));
    }
    queue.pending.add(3L);

    for (int i = 0; i <= CatchUp.LOCKED_TRIES; i++) {
      catchUp.check();
    }

    assertThat(queue.calls).filteredOn(c -> c.endsWith("retry [7]")).hasSize(CatchUp.LOCKED_TRIES);
    assertThat(queue.calls).endsWith("pending>10<=1000");
    assertThat(active).isFalse();
  }

  @Test
  void anotherInstanceHoldingTheLockChangesNothingHere() {
    start();
    queue.copies.add(null);

    catchUp.check();

    assertThat(active).isTrue();
    assertThat(queue.calls).containsExactly("copy after 10");
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

    assertThat(queue.calls).containsExactly("copy after 10", "drop");
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

  /** Active, after a round that copied one window, up to id 10. */
  private void start() {
    queue.pending.add((long) THRESHOLD);
    queue.copies.add(new CatchUpQueue.Window(10, 10, 10));
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
    final List<String> calls = new ArrayList<>();
    boolean failNext;

    @Override
    public long pending(long afterId, int atMost) {
      calls.add("pending>" + afterId + "<=" + atMost);
      return Math.min(atMost, pending.remove());
    }

    @Override
    public Window copy(long afterId, Duration grace, int size, Collection<Long> retry)
        throws SQLException {
      calls.add("copy after " + afterId + (retry.isEmpty() ? "" : " retry " + retry));
      if (failNext) {
        failNext = false;
        throw new SQLException("connection refused", "08001");
      }
      return next(copies, afterId);
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
