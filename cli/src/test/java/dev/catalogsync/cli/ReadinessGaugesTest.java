package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.core.Health;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessGaugesTest {

  @Test
  void oneGaugePerComponentFollowsItsReadiness() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReadinessGauges gauges = new ReadinessGauges(registry);

    gauges.update(
        List.of(
            new Health("connector", true, "streaming"),
            new Health("streams-app", false, "REBALANCING")));
    assertThat(ready(registry, "connector")).isEqualTo(1);
    assertThat(ready(registry, "streams-app")).isZero();

    gauges.update(
        List.of(
            new Health("connector", false, "stalled"), new Health("streams-app", true, "RUNNING")));
    assertThat(ready(registry, "connector")).isZero();
    assertThat(ready(registry, "streams-app")).isEqualTo(1);
    assertThat(registry.find(ReadinessGauges.NAME).gauges()).hasSize(2);
  }

  private static double ready(SimpleMeterRegistry registry, String component) {
    return registry.get(ReadinessGauges.NAME).tag("component", component).gauge().value();
  }
}
