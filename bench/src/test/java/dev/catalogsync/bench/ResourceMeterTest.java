package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceMeterTest {
  @Test
  void hotSpotsOwnThreadsAreGcOrJit() {
    assertThat(ResourceMeter.vmGroup("C2 CompilerThre\n")).isEqualTo("jit");
    assertThat(ResourceMeter.vmGroup("C1 CompilerThre")).isEqualTo("jit");
    assertThat(ResourceMeter.vmGroup("GC Thread#1")).isEqualTo("gc");
    assertThat(ResourceMeter.vmGroup("G1 Refine#0")).isEqualTo("gc");
    assertThat(ResourceMeter.vmGroup("G1 Conc#0")).isEqualTo("gc");
    assertThat(ResourceMeter.vmGroup("VM Thread")).isEqualTo("gc");
    assertThat(ResourceMeter.vmGroup("data-plane-kafk")).isNull();
    assertThat(ResourceMeter.vmGroup("main")).isNull();
  }

  @Test
  void javaThreadsAreGroupedByName() {
    assertThat(ResourceMeter.group("catalog-sync-bench-1a2b-StreamThread-1"))
        .isEqualTo("streams-app");
    assertThat(
            ResourceMeter.group(
                "debezium-postgresconnector-catalog-sync-connector-change-event-source-coordinator"))
        .isEqualTo("connector");
    assertThat(ResourceMeter.group("data-plane-kafka-request-handler-0")).isEqualTo("kafka-broker");
    assertThat(ResourceMeter.group("bench-src-1")).isEqualTo("bench");
  }
}
