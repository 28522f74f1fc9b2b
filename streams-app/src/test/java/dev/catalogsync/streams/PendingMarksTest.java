package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingMarksTest {
  private final PendingMarks marks = new PendingMarks();

  /** An id a statement could not see: it waits in the retry bucket. */
  private void notVisible(long eventId) {
    marks.add(9, eventId);
    marks.marked(List.of(9L), true, List.of(eventId), 0);
  }

  @Test
  void idsGoWithTheirResourcesStatementAndRetriesWithTheFirst() {
    for (long id = 1; id <= 5; id++) {
      marks.add(7, id);
    }
    marks.add(8, 6);
    notVisible(3);

    assertThat(marks.idsFor(List.of(7L), true)).containsExactly(3, 1, 2, 3, 4, 5);
    assertThat(marks.idsFor(List.of(8L), false)).containsExactly(6);
    assertThat(marks.size()).isEqualTo(7);
  }

  @Test
  void idsAreForgottenOnlyOnceMarked() {
    marks.add(7, 1);
    notVisible(2);
    marks.idsFor(List.of(7L), true); // the statement failed: nothing is forgotten
    assertThat(marks.size()).isEqualTo(2);

    marks.marked(List.of(7L), true, List.of(), 0);
    assertThat(marks.size()).isZero();
    assertThat(marks.hasRetries()).isFalse();
    assertThat(marks.idsFor(List.of(7L), true)).isEmpty();
  }

  @Test
  void clearDropsEverything() {
    marks.add(7, 1);
    notVisible(2);
    marks.clear();
    assertThat(marks.size()).isZero();
    assertThat(marks.idsFor(List.of(7L), true)).isEmpty();
  }

  @Test
  void idsTheDatabaseDidNotShowGoWithTheNextStatementUntilTheyAreGivenUp() {
    marks.add(7, 1);
    marks.add(7, 2);
    assertThat(marks.marked(List.of(7L), true, List.of(2L), 0)).isZero();
    assertThat(marks.hasRetries()).isTrue();
    assertThat(marks.idsFor(List.of(), true)).containsExactly(2);

    // Still not visible a while later: tried again, the first time it failed still counts.
    assertThat(marks.marked(List.of(), true, List.of(2L), 1_000)).isZero();
    assertThat(marks.idsFor(List.of(), true)).containsExactly(2);
    assertThat(marks.marked(List.of(), true, List.of(2L), PendingMarks.NOT_VISIBLE_RETRY_MILLIS))
        .isEqualTo(1);
    assertThat(marks.hasRetries()).isFalse();
    assertThat(marks.size()).isZero();
  }

  @Test
  void anIdMarkedOnItsSecondTryIsForgotten() {
    marks.add(7, 1);
    marks.marked(List.of(7L), true, List.of(1L), 0);
    marks.add(8, 5);
    // A later statement without the retry bucket leaves the id waiting for the next one.
    marks.marked(List.of(8L), false, List.of(), 10);
    assertThat(marks.idsFor(List.of(), true)).containsExactly(1);

    marks.marked(List.of(), true, List.of(), 20);
    assertThat(marks.size()).isZero();
    // Failing again much later starts a new wait instead of counting the old one.
    marks.add(9, 1);
    assertThat(
            marks.marked(List.of(9L), true, List.of(1L), PendingMarks.NOT_VISIBLE_RETRY_MILLIS * 2))
        .isZero();
    assertThat(marks.idsFor(List.of(), true)).containsExactly(1);
  }
}
