package dev.catalogsync.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.bench.workload.KeyDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionReportTest {
  private final RetentionResult result =
      Fixtures.result(d -> Math.min(d, 9) * 1048576L, 3.9, 2.0, 105);

  @Test
  void theSectionHasATableForEachItem() {
    String md =
        RetentionReport.markdown(
            result, KeyDistribution.UNIFORM, List.of(Fixtures.freshness(100, 0)));

    assertThat(md)
        .contains("### Compressed month", "| day | seconds | attached | detached |")
        .contains("| 30 | 60.0 | 3 | 7 | 3000 | 2 | 0 | 9.00 |")
        .contains("over the month's last third (days 20-30) is within 1.5x of the size at day 10")
        .contains("9.00 MB against 9.00 MB: 1.00x, flat")
        .contains("### Source updates during rotations", "| with rotation | 6000 | 0 |")
        .contains("p99 with / without rotation: 1.95x (target <= 2.0x)")
        .contains("### verify", "| 100000 | 2.50 | 40000 | 0 | 0 |")
        .contains("verify.interval.ms=1000 and verify.batch-size=1000")
        .contains("| 1000/s uniform, without |", "| 1000/s uniform, continuous verification |")
        .contains("p99 with / without: 1.05x (target: at most 10% above)")
        .doesNotContain("%d", "%s", "%.", "n/a");
  }

  @Test
  void withoutA1000PhaseTheComparisonRowIsLeftOut() {
    String md = RetentionReport.markdown(result, KeyDistribution.UNIFORM, List.of());

    assertThat(md)
        .contains("| 1000/s uniform, continuous verification |")
        .doesNotContain(", without |", "p99 with / without: ");
  }

  @Test
  void theJsonCarriesTheSameFigures() {
    JsonNode json =
        RetentionReport.json(result, KeyDistribution.UNIFORM, List.of(Fixtures.freshness(100, 0)));

    assertThat(json.at("/plan/day_seconds").asDouble()).isEqualTo(2.0);
    assertThat(json.at("/compressed_month/days")).hasSize(31);
    assertThat(json.at("/compressed_month/flatness/flat").asBoolean()).isTrue();
    assertThat(json.at("/compressed_month/rotation_steps/detach").asLong()).isEqualTo(15);
    assertThat(json.at("/update_latency_during_rotation/p99_ratio").asDouble()).isEqualTo(1.95);
    assertThat(json.at("/update_latency_during_rotation/windows")).hasSize(2);
    assertThat(json.at("/verify/resources_per_second").asLong()).isEqualTo(40_000);
    assertThat(json.at("/freshness_with_continuous_verification/p99_ratio_to_without").asDouble())
        .isEqualTo(1.05);
  }
}
