package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingMarksTest {
  private final PendingMarks marks = new PendingMarks();

  @Test
  void idsGoWithTheirResourcesStatementAndCoveredOnesWithTheFirst() {
    for (long id = 1; id <= 5; id++) {
      marks.add(7, id);
    }
    marks.add(8, 6);
    marks.addCovered(3);

    assertThat(marks.idsFor(List.of(7L), true)).containsExactly(3, 1, 2, 3, 4, 5);
    assertThat(marks.idsFor(List.of(8L), false)).containsExactly(6);
    assertThat(marks.size()).isEqualTo(7);
  }

  @Test
  void idsAreForgottenOnlyOnceMarked() {
    marks.add(7, 1);
    marks.addCovered(2);
    marks.idsFor(List.of(7L), true); // the statement failed: nothing is forgotten
    assertThat(marks.size()).isEqualTo(2);

    marks.marked(List.of(7L), true);
    assertThat(marks.size()).isZero();
    assertThat(marks.hasCovered()).isFalse();
    assertThat(marks.idsFor(List.of(7L), true)).isEmpty();
  }

  @Test
  void clearDropsEverything() {
    marks.add(7, 1);
    marks.addCovered(2);
    marks.clear();
    assertThat(marks.size()).isZero();
    assertThat(marks.idsFor(List.of(7L), true)).isEmpty();
  }
}
