package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadGroupingTest {
  @Test
  void hotSpotsOwnThreadsAreGcOrJit() {
    assertThat(ThreadGrouping.vmComponent("C2 CompilerThre\n")).isEqualTo("jit");
    assertThat(ThreadGrouping.vmComponent("C1 CompilerThre")).isEqualTo("jit");
    assertThat(ThreadGrouping.vmComponent("GC Thread#1")).isEqualTo("gc");
    assertThat(ThreadGrouping.vmComponent("G1 Refine#0")).isEqualTo("gc");
    assertThat(ThreadGrouping.vmComponent("G1 Conc#0")).isEqualTo("gc");
    assertThat(ThreadGrouping.vmComponent("VM Thread")).isEqualTo("gc");
    assertThat(ThreadGrouping.vmComponent("data-plane-kafk")).isNull();
    assertThat(ThreadGrouping.vmComponent("main")).isNull();
  }

  @Test
  void javaThreadsAreGroupedByName() {
    assertThat(ThreadGrouping.component("catalog-sync-bench-1a2b-StreamThread-1"))
        .isEqualTo("streams-app");
    assertThat(
            ThreadGrouping.component(
                "debezium-postgresconnector-catalog-sync-connector-change-event-source-coordinator"))
        .isEqualTo("connector");
    assertThat(ThreadGrouping.component("data-plane-kafka-request-handler-0"))
        .isEqualTo("kafka-broker");
    assertThat(ThreadGrouping.component("catalog-sync-bench-catch-up")).isEqualTo("streams-app");
    assertThat(ThreadGrouping.component("bench-convergence")).isEqualTo("bench");
    assertThat(ThreadGrouping.component("bench-src-1")).isEqualTo("bench");
  }

  @Test
  void aJavaThreadOfNoKnownPartIsOther() {
    assertThat(ThreadGrouping.component("Common-Cleaner")).isEqualTo("other");
    assertThat(ThreadGrouping.component("")).isEqualTo("other");
    assertThat(ThreadGrouping.COMPONENTS).endsWith("other").contains("gc", "jit");
  }

  @Test
  void serialStagesAreKnownByTheirKernelNames() {
    assertThat(ThreadGrouping.serialStage("debezium-postgr\n")).isEqualTo(ResourceMeter.CDC);
    assertThat(ThreadGrouping.serialStage("catalog-sync-be")).isEqualTo(ResourceMeter.STREAMS_APP);
    assertThat(ThreadGrouping.serialStage("kafka-producer-")).isNull();
    assertThat(ThreadGrouping.serialStage("main")).isNull();
  }

  @Test
  void theWalsenderIsKnownByItsProcessTitle() {
    assertThat(ThreadGrouping.isWalsender("postgres: walsender bench 127.0.0.1(40312) streaming"))
        .isTrue();
    assertThat(ThreadGrouping.isWalsender("postgres: bench bench 127.0.0.1(40313) idle")).isFalse();
    assertThat(ThreadGrouping.isWalsender("")).isFalse();
  }
}
