package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.catalogsync.bench.measure.ResourceMeter.CpuWait;
import dev.catalogsync.bench.measure.ResourceMeter.Sched;
import dev.catalogsync.bench.measure.ResourceMeter.Snapshot;
import dev.catalogsync.bench.measure.ResourceMeter.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMeterTest {
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

  @Test
  void betweenGivesCoresByComponentAndLeavesTheRestOfTheJvmToOther() {
    ResourceMeter meter = new ResourceMeter(null);
    meter.snapshot(); // learns the names of the live threads, this one's among them
    long self = Thread.currentThread().getId();
    Snapshot from =
        new Snapshot(
            0,
            1_000_000_000L,
            100,
            1_000,
            Map.of(self, 0L, 999_999L, 0L),
            Map.of("gc", 10L, "jit", 5L),
            Map.of());
    Snapshot to =
        new Snapshot(
            2_000_000_000L,
            5_000_000_000L,
            300,
            1_400,
            Map.of(self, 1_000_000_000L, 999_999L, 400_000_000L),
            Map.of("gc", 110L, "jit", 5L),
            Map.of());

    Usage u = meter.between(from, to);

    assertThat(u.seconds()).isEqualTo(2.0);
    assertThat(u.jvmCores()).isEqualTo(2.0);
    assertThat(u.postgresCores()).isEqualTo(1.0);
    assertThat(u.machineCores()).isEqualTo(2.0);
    assertThat(u.byComponent().keySet())
        .containsExactly("streams-app", "connector", "kafka-broker", "bench", "gc", "jit", "other");
    String mine = ThreadGrouping.component(Thread.currentThread().getName());
    assertThat(u.byComponent().get("gc")).isEqualTo(0.5);
    assertThat(u.byComponent().get("jit")).isEqualTo(0.0);
    // This thread counts in its own component; the unknown thread (never seen by name) and the
    // process time no live thread accounts for are other.
    if (mine.equals("other")) {
      assertThat(u.byComponent().get("other")).isCloseTo(1.5, within(1e-9));
    } else {
      assertThat(u.byComponent().get(mine)).isEqualTo(0.5);
      assertThat(u.byComponent().get("other")).isCloseTo(1.0, within(1e-9));
    }
    assertThat(u.heapUsedMb()).isPositive();
    assertThat(u.cpuWait()).isEmpty();
  }

  @Test
  void unknownServerOrMachineTicksStayUnknown() {
    ResourceMeter meter = new ResourceMeter(null);
    Snapshot from = new Snapshot(0, 0, -1, -1, Map.of(), Map.of(), Map.of());
    Snapshot to = new Snapshot(1_000_000_000L, 0, 50, 70, Map.of(), Map.of(), Map.of());

    Usage u = meter.between(from, to);

    assertThat(u.postgresCores()).isEqualTo(-1);
    assertThat(u.machineCores()).isEqualTo(-1);
  }

  @Test
  void combinedSpansWeighCoresByTheirSecondsAndKeepTheLargerMemory() {
    Map<String, Double> first = new LinkedHashMap<>();
    first.put("gc", 1.0);
    Map<String, Double> second = new LinkedHashMap<>();
    second.put("gc", 2.0);
    second.put("jit", 1.0);
    Usage a =
        new Usage(1, 1, 2, -1, first, 10, 20, 30, Map.of(ResourceMeter.CDC, new CpuWait(1, 0)));
    Usage b =
        new Usage(
            3, 2, 1, 3, second, 5, 40, 50, Map.of(ResourceMeter.WALSENDER, new CpuWait(0.5, 0.25)));

    Usage c = Usage.combine(a, b);

    assertThat(c.seconds()).isEqualTo(4);
    assertThat(c.jvmCores()).isEqualTo(1.75);
    assertThat(c.postgresCores()).isEqualTo(1.25);
    assertThat(c.machineCores()).isEqualTo(-1);
    assertThat(c.byComponent()).containsExactly(Map.entry("gc", 1.75), Map.entry("jit", 0.75));
    assertThat(c.heapUsedMb()).isEqualTo(10);
    assertThat(c.rssMb()).isEqualTo(40);
    assertThat(c.peakRssMb()).isEqualTo(50);
    assertThat(c.cpuWait())
        .containsExactly(
            Map.entry(ResourceMeter.CDC, new CpuWait(0.25, 0)),
            Map.entry(ResourceMeter.WALSENDER, new CpuWait(0.375, 0.1875)));
  }

  @Test
  void aSnapshotReadsTheServerTheMachineAndTheJvmsOwnThreadsFromProc(@TempDir Path proc)
      throws IOException {
    // The server with a backend and a walsender; another process; this JVM's threads.
    FakeProc.process(proc, 100, "postgres", 1, 50, 20, 7, 3);
    FakeProc.process(proc, 101, "postgres", 100, 4, 1, 0, 0);
    FakeProc.process(proc, 102, "postgres", 100, 6, 2, 0, 0);
    FakeProc.write(proc.resolve("102/cmdline"), "postgres: walsender bench 127.0.0.1(5000)");
    FakeProc.write(proc.resolve("102/schedstat"), "3000 4000 7\n");
    FakeProc.process(proc, 200, "java", 1, 900, 90, 0, 0);
    FakeProc.write(proc.resolve("stat"), "cpu  10 20 30 400 50 6 7 8 0 0\n");
    FakeProc.thread(proc, 11, "GC Thread#0", 30, 5, "1 2 3");
    FakeProc.thread(proc, 12, "G1 Refine#0", 10, 0, "1 2 3");
    FakeProc.thread(proc, 13, "C2 CompilerThre", 40, 2, "1 2 3");
    FakeProc.thread(proc, 14, "debezium-postgr", 8, 1, "1000 2000 5");
    FakeProc.thread(proc, 15, "catalog-sync-be", 9, 1, "500 600 5");
    FakeProc.thread(proc, 16, "main", 99, 9, "9 9 9");
    ResourceMeter meter = new ResourceMeter(new ProcFs(proc), new JvmThreadCpu(), 100);

    Snapshot s = meter.snapshot();

    // The postmaster with its reaped children, then its live children: utime and stime.
    assertThat(s.postgresTicks()).isEqualTo(50 + 20 + 7 + 3 + 4 + 1 + 6 + 2);
    assertThat(s.machineBusyTicks()).isEqualTo(10 + 20 + 30 + 6 + 7 + 8);
    assertThat(s.vmTicks()).containsOnly(Map.entry("gc", 45L), Map.entry("jit", 42L));
    assertThat(s.sched())
        .containsOnly(
            Map.entry(14L, new Sched(ResourceMeter.CDC, 1000, 2000)),
            Map.entry(15L, new Sched(ResourceMeter.STREAMS_APP, 500, 600)),
            Map.entry(102L, new Sched(ResourceMeter.WALSENDER, 3000, 4000)));
    assertThat(s.threads()).containsKey(Thread.currentThread().getId());
  }

  @Test
  void withoutAKnownServerOrProcEverythingIsUnknownOrEmpty(@TempDir Path empty) {
    Snapshot noServer = new ResourceMeter(new ProcFs(empty), new JvmThreadCpu(), -1).snapshot();
    Snapshot noProc =
        new ResourceMeter(new ProcFs(empty.resolve("absent")), new JvmThreadCpu(), 100).snapshot();

    assertThat(noServer.postgresTicks()).isEqualTo(-1);
    assertThat(noProc.postgresTicks()).isEqualTo(-1);
    assertThat(noProc.machineBusyTicks()).isEqualTo(-1);
    assertThat(noProc.vmTicks()).isEmpty();
    assertThat(noProc.sched()).isEmpty();
  }

  @Test
  void theServerIsThePidInPostmasterPid(@TempDir Path dataDirectory) throws IOException {
    assertThat(ResourceMeter.postmasterPid(null)).isEqualTo(-1);
    assertThat(ResourceMeter.postmasterPid(dataDirectory)).isEqualTo(-1);
    Files.writeString(
        dataDirectory.resolve("postmaster.pid"), "4242\n/tmp/data\n1700000000\n5432\n");
    assertThat(ResourceMeter.postmasterPid(dataDirectory)).isEqualTo(4242);
  }

  private static Snapshot snapshot(Map<Long, Sched> sched) {
    return new Snapshot(0, 0, 0, 0, Map.of(), Map.of(), sched);
  }
}
