package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.bench.ResourceMeter.CpuWait;
import dev.catalogsync.bench.ResourceMeter.Sched;
import dev.catalogsync.bench.ResourceMeter.Snapshot;
import java.util.Map;
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

  @Test
  void serialStagesAreKnownByTheirKernelNames() {
    assertThat(ResourceMeter.schedGroup("debezium-postgr\n")).isEqualTo(ResourceMeter.CDC);
    assertThat(ResourceMeter.schedGroup("catalog-sync-be")).isEqualTo(ResourceMeter.STREAMS_APP);
    assertThat(ResourceMeter.schedGroup("kafka-producer-")).isNull();
    assertThat(ResourceMeter.schedGroup("main")).isNull();
  }

  @Test
  void schedstatGivesRunningAndWaitingNanoseconds() {
    assertThat(ResourceMeter.schedstat("152947161 210799989 899\n"))
        .containsExactly(152947161L, 210799989L);
    assertThat(ResourceMeter.schedstat("")).isNull();
    assertThat(ResourceMeter.schedstat("x y z")).isNull();
  }

  @Test
  void waitingIsSummedPerGroupOverTasksThatLived() {
    Snapshot from =
        snapshot(
            Map.of(
                1L, new Sched(ResourceMeter.CDC, 1_000_000_000L, 2_000_000_000L),
                2L, new Sched(ResourceMeter.STREAMS_APP, 0, 0),
                3L, new Sched(ResourceMeter.WALSENDER, 5_000_000_000L, 5_000_000_000L)));
    Snapshot to =
        snapshot(
            Map.of(
                1L, new Sched(ResourceMeter.CDC, 1_500_000_000L, 3_600_000_000L),
                2L, new Sched(ResourceMeter.STREAMS_APP, 400_000_000L, 200_000_000L),
                // a walsender that started in between counts from zero; task 3 ended
                4L, new Sched(ResourceMeter.WALSENDER, 1_000_000_000L, 600_000_000L)));

    Map<String, CpuWait> waits = ResourceMeter.cpuWait(from, to, 2.0);

    assertThat(waits)
        .containsEntry(ResourceMeter.CDC, new CpuWait(0.25, 0.8))
        .containsEntry(ResourceMeter.STREAMS_APP, new CpuWait(0.2, 0.1))
        .containsEntry(ResourceMeter.WALSENDER, new CpuWait(0.5, 0.3));
  }

  @Test
  void noSchedulerStatisticsMeansNoFigures() {
    assertThat(ResourceMeter.cpuWait(snapshot(Map.of()), snapshot(Map.of()), 1.0)).isEmpty();
  }

  private static Snapshot snapshot(Map<Long, Sched> sched) {
    return new Snapshot(0, 0, 0, 0, Map.of(), Map.of(), sched);
  }
}
