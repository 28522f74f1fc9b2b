package dev.catalogsync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.core.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodTest {

  @Test
  void namesTheStreamsAppsShippedDefaults() {
    Settings shipped = Method.streamsDefaults();
    assertThat(Method.text())
        .contains(
            "shipped defaults: "
                + shipped.millis("apply.interval.ms").toMillis()
                + " ms apply tick, "
                + shipped.positiveInt("apply.batch-size")
                + " resources per\n  batch, "
                + shipped.positiveInt("topic.partitions")
                + " partitions)")
        .contains("95% interval")
        .contains(
            "starts at "
                + shipped.positiveInt("catchup.pending-threshold")
                + " pending events and copies\n  "
                + shipped.positiveInt("catchup.batch-size")
                + " queue rows per batch")
        .doesNotContain("%d", "%1$", "%%");
  }

  @Test
  void followsTheSettingsItIsGiven() {
    Settings changed =
        Method.streamsDefaults()
            .with(
                Map.of(
                    "apply.interval.ms", "20", "apply.batch-size", "250", "topic.partitions", "8"));
    assertThat(Method.text(changed))
        .contains("20 ms apply tick, 250 resources per\n  batch, 8 partitions");
  }
}
