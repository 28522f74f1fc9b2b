package dev.catalogsync.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.bench.report.TargetResult;
import dev.catalogsync.bench.workload.KeyDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTargetsTest {

  private static List<TargetResult> evaluate(RetentionResult r, double withoutP99) {
    return RetentionTargets.evaluate(
        r, KeyDistribution.UNIFORM, List.of(Fixtures.freshness(withoutP99, 0)));
  }

  @Test
  void allMetWhenFlatAndWithinTheirRatios() {
    RetentionResult r = Fixtures.result(d -> Math.min(d, 9) * 1000L, 3.9, 2.0, 109);

    assertThat(evaluate(r, 100))
        .extracting(TargetResult::status)
        .containsExactly(TargetResult.Status.MET, TargetResult.Status.MET, TargetResult.Status.MET);
  }

  @Test
  void missesSayWhatTheMeasurementsShow() {
    RetentionResult r = Fixtures.result(d -> d * 1000L, 4.1, 2.0, 111);

    List<TargetResult> t = evaluate(r, 100);

    assertThat(t).extracting(TargetResult::status).containsOnly(TargetResult.Status.MISSED);
    assertThat(t.get(0).measured()).contains("3.00x (flat: <= 1.5x)");
    assertThat(t.get(0).whereTimeGoes())
        .contains("kept 3 attached and 7 detached", "3000 rows, 2 of them pending", "detach 15");
    assertThat(t.get(1).measured()).contains("p99 4.10 ms with rotation, 2.00 ms without: 2.05x");
    assertThat(t.get(1).whereTimeGoes()).contains("took p50 1.0 ms, p99 4.0 ms, max 6.0 ms");
    assertThat(t.get(2).measured()).contains("111 ms with", "100 ms without: +11%");
    assertThat(t.get(2).whereTimeGoes())
        .contains("compared 30000 resources", "With it: p99 by stage", "Without it: p99 by stage");
  }

  @Test
  void withoutA1000PhaseTheVerificationCannotBeCompared() {
    RetentionResult r = Fixtures.result(d -> 1000, 1, 1, 100);

    TargetResult t =
        RetentionTargets.evaluate(r, KeyDistribution.ZIPF, List.of(Fixtures.freshness(100, 0)))
            .get(2);

    assertThat(t.status()).isEqualTo(TargetResult.Status.NOT_MEASURED);
  }

  @Test
  void noRetentionPhasesNoTargets() {
    assertThat(RetentionTargets.evaluate(null, KeyDistribution.UNIFORM, List.of())).isEmpty();
  }
}
