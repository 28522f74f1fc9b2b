package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
  @TempDir Path proc;

  @Test
  void statGivesParentAndCpuTicksEvenWithParenthesesInTheName() throws IOException {
    FakeProc.process(proc, 7, "postgres: a (b) c", 3, 11, 12, 13, 14);

    assertThat(new ProcFs(proc).stat(7)).containsExactly(3, 11, 12, 13, 14);
  }

  @Test
  void aGoneOrGarbledProcessIsNull() throws IOException {
    FakeProc.write(proc.resolve("8/stat"), "8 (x) S 1 2");

    assertThat(new ProcFs(proc).stat(8)).isNull();
    assertThat(new ProcFs(proc).stat(9)).isNull();
  }

  @Test
  void childrenAreTheLiveProcessesWithThatParent() throws IOException {
    FakeProc.process(proc, 100, "postgres", 1, 1, 1, 0, 0);
    FakeProc.process(proc, 101, "postgres", 100, 4, 5, 0, 0);
    FakeProc.process(proc, 102, "postgres", 100, 6, 7, 0, 0);
    FakeProc.process(proc, 103, "java", 1, 8, 9, 0, 0);
    FakeProc.write(proc.resolve("stat"), "cpu  1 2 3 4\n");

    assertThat(new ProcFs(proc).children(100)).containsOnlyKeys(101L, 102L);
    assertThat(new ProcFs(proc).children(100).get(101L)).containsExactly(100, 4, 5, 0, 0);
    assertThat(new ProcFs(proc.resolve("absent")).children(100)).isNull();
  }

  @Test
  void aProcessHasItsCommandLineAndSchedulerStatistics() throws IOException {
    FakeProc.write(proc.resolve("5/cmdline"), "postgres: walsender bench");
    FakeProc.write(proc.resolve("5/schedstat"), "10 20 3\n");

    assertThat(new ProcFs(proc).cmdline(5)).isEqualTo("postgres: walsender bench");
    assertThat(new ProcFs(proc).schedstat(5)).containsExactly(10, 20);
    assertThat(new ProcFs(proc).cmdline(6)).isEmpty();
    assertThat(new ProcFs(proc).schedstat(6)).isNull();
  }

  @Test
  void ownThreadsByIdWithTheirKernelNames() throws IOException {
    FakeProc.thread(proc, 21, "main", 5, 6, "100 200 1");
    FakeProc.thread(proc, 22, "C2 CompilerThre", 7, 8, "300 400 2");
    ProcFs fs = new ProcFs(proc);

    assertThat(fs.ownThreads()).containsOnlyKeys(21L, 22L).containsEntry(22L, "C2 CompilerThre\n");
    assertThat(fs.ownThreadStat(21)).containsExactly(1, 5, 6, 0, 0);
    assertThat(fs.ownThreadSchedstat(22)).containsExactly(300, 400);
    assertThat(fs.ownThreadStat(23)).isNull();
    assertThat(new ProcFs(proc.resolve("absent")).ownThreads()).isNull();
  }

  @Test
  void theMachineIsBusyInEveryStateButIdleAndIowait() throws IOException {
    // user nice system idle iowait irq softirq steal guest guest_nice
    FakeProc.write(proc.resolve("stat"), "cpu  10 20 30 400 50 6 7 8 90 100\ncpu0 1 2 3 4\n");

    assertThat(new ProcFs(proc).machineBusyTicks()).isEqualTo(10 + 20 + 30 + 6 + 7 + 8);
    assertThat(new ProcFs(proc.resolve("absent")).machineBusyTicks()).isEqualTo(-1);
  }

  @Test
  void ownMemoryInMebibytesFromStatus() throws IOException {
    FakeProc.write(
        proc.resolve("self/status"), "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");

    assertThat(new ProcFs(proc).ownStatusMb("VmRSS:")).isEqualTo(100.0);
    assertThat(new ProcFs(proc).ownStatusMb("VmHWM:")).isEqualTo(200.0);
    assertThat(new ProcFs(proc).ownStatusMb("VmSwap:")).isEqualTo(-1);
    assertThat(new ProcFs(proc.resolve("absent")).ownStatusMb("VmRSS:")).isEqualTo(-1);
  }

  @Test
  void schedstatGivesRunningAndWaitingNanoseconds() {
    assertThat(ProcFs.schedstat("152947161 210799989 899\n"))
        .containsExactly(152947161L, 210799989L);
    assertThat(ProcFs.schedstat("")).isNull();
    assertThat(ProcFs.schedstat("x y z")).isNull();
  }
}
