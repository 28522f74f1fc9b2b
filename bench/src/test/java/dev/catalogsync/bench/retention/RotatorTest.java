package dev.catalogsync.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.streams.queue.RotationStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotatorTest {

  @Test
  void namesEveryStepKind() {
    assertThat(
            List.of(
                    new RotationStep.AddSpare(1),
                    new RotationStep.Activate(1),
                    new RotationStep.Fence(1),
                    new RotationStep.Detach(1),
                    new RotationStep.Drop(1))
                .stream()
                .map(Rotator::kind))
        .containsExactlyElementsOf(Rotator.KINDS);
  }

  @Test
  void countsTheStepsOfAWindowByKind() {
    List<Rotator.Step> steps =
        List.of(
            new Rotator.Step(5, "activate", true),
            new Rotator.Step(10, "add", true),
            new Rotator.Step(10, "activate", true),
            new Rotator.Step(15, "detach", false),
            new Rotator.Step(19, "detach", true),
            new Rotator.Step(20, "drop", true));

    assertThat(Rotator.count(steps, 10, 20))
        .containsExactly(
            java.util.Map.entry("add", 1L),
            java.util.Map.entry("activate", 1L),
            java.util.Map.entry("fence", 0L),
            java.util.Map.entry("detach", 1L),
            java.util.Map.entry("drop", 0L),
            java.util.Map.entry(RetentionResult.DETACH_WAITED, 1L));
  }
}
