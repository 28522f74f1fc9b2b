package dev.catalogsync.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory over a phase: this JVM's process CPU time (broker, connector, streams app and the
 * load generator all live here), an approximate split of it by thread name, the PostgreSQL server's
 * processes from /proc, heap and resident set size; and, from the kernel's scheduler statistics,
 * how long the pipeline's serial stages sat runnable waiting for a CPU.
 *
 * <p>It takes snapshots and turns two of them into figures; reading /proc ({@link ProcFs}), timing
 * Java threads ({@link JvmThreadCpu}) and sorting threads into the pipeline's parts ({@link
 * ThreadGrouping}) are the jobs of its parts.
 */
public final class ResourceMeter {
  // Scheduler groups: the pipeline's serial stages.
  public static final String CDC = "cdc";
  public static final String STREAMS_APP = "streams-app";
  public static final String WALSENDER = "walsender";

  /** A point in time to measure from. */
  public record Snapshot(
      long wallNanos,
      long jvmCpuNanos,
      long postgresTicks,
      long machineBusyTicks,
      Map<Long, Long> threads,
      Map<String, Long> vmTicks,
      Map<Long, Sched> sched) {}

  /**
   * One task's scheduler statistics (/proc/.../schedstat): nanoseconds on a CPU and nanoseconds
   * runnable but waiting for one.
   */
  record Sched(String group, long runNanos, long waitNanos) {}

  /**
   * Seconds per wall second a group of tasks spent on a CPU and runnable but waiting for one (both
   * summed over the group's tasks; 0.8 waiting = the stage could have run 0.8 s more per second).
   */
  public record CpuWait(double running, double waiting) {
    public static final CpuWait NONE = new CpuWait(0, 0);
  }

  /**
   * Usage between two snapshots. Cores are CPU seconds per wall second (2.0 = both cores busy).
   *
   * @param byComponent JVM cores by thread group (approximate: threads are grouped by name)
   * @param postgresCores -1 when /proc could not be read
   * @param machineCores every process on the machine (others' builds included); -1 when unknown
   * @param cpuWait by scheduler group ({@link #CDC}, {@link #STREAMS_APP}, {@link #WALSENDER});
   *     empty where the kernel keeps no scheduler statistics
   */
  public record Usage(
      double seconds,
      double jvmCores,
      double postgresCores,
      double machineCores,
      Map<String, Double> byComponent,
      double heapUsedMb,
      double rssMb,
      double peakRssMb,
      Map<String, CpuWait> cpuWait) {

    /** Two spans as one: cores weighted by their seconds, memory the larger. */
    public static Usage combine(Usage a, Usage b) {
      double total = a.seconds + b.seconds;
      Map<String, Double> components = new LinkedHashMap<>();
      for (String k : a.byComponent.keySet()) {
        components.put(k, weighted(a, b, a.byComponent.get(k), b.byComponent.getOrDefault(k, 0.0)));
      }
      for (String k : b.byComponent.keySet()) {
        components.putIfAbsent(k, weighted(a, b, 0.0, b.byComponent.get(k)));
      }
      Map<String, CpuWait> waits = new LinkedHashMap<>();
      for (String k : a.cpuWait.keySet()) {
        CpuWait x = a.cpuWait.get(k);
        CpuWait y = b.cpuWait.getOrDefault(k, CpuWait.NONE);
        waits.put(
            k,
            new CpuWait(
                weighted(a, b, x.running(), y.running()),
                weighted(a, b, x.waiting(), y.waiting())));
      }
      for (String k : b.cpuWait.keySet()) {
        CpuWait y = b.cpuWait.get(k);
        waits.putIfAbsent(
            k, new CpuWait(weighted(a, b, 0, y.running()), weighted(a, b, 0, y.waiting())));
      }
      return new Usage(
          total,
          weighted(a, b, a.jvmCores, b.jvmCores),
          a.postgresCores < 0 || b.postgresCores < 0
              ? -1
              : weighted(a, b, a.postgresCores, b.postgresCores),
          a.machineCores < 0 || b.machineCores < 0
              ? -1
              : weighted(a, b, a.machineCores, b.machineCores),
          components,
          Math.max(a.heapUsedMb, b.heapUsedMb),
          Math.max(a.rssMb, b.rssMb),
          Math.max(a.peakRssMb, b.peakRssMb),
          waits);
    }

    private static double weighted(Usage a, Usage b, double x, double y) {
      return (x * a.seconds + y * b.seconds) / (a.seconds + b.seconds);
    }
  }

  private final ProcFs proc;
  private final JvmThreadCpu jvm;
  private final long postmasterPid;

  /**
   * @param postgresDataDirectory the server's data directory, whose postmaster.pid names the server
   *     process; null when unknown
   */
  public ResourceMeter(Path postgresDataDirectory) {
    this(new ProcFs(), new JvmThreadCpu(), postmasterPid(postgresDataDirectory));
  }

  /** A meter on given parts (tests give it a /proc of their own). */
  ResourceMeter(ProcFs proc, JvmThreadCpu jvm, long postmasterPid) {
    this.proc = proc;
    this.jvm = jvm;
    this.postmasterPid = postmasterPid;
  }

  public Snapshot snapshot() {
    Map<Long, Long> threads = jvm.threadCpuNanos();
    Map<Long, long[]> serverChildren = serverChildren();
    return new Snapshot(
        System.nanoTime(),
        jvm.processCpuNanos(),
        postgresTicks(serverChildren),
        proc.machineBusyTicks(),
        threads,
        vmThreadTicks(),
        schedStats(serverChildren));
  }

  public Usage between(Snapshot from, Snapshot to) {
    double seconds = Math.max(1e-9, (to.wallNanos() - from.wallNanos()) / 1e9);
    Map<String, Double> byComponent = new LinkedHashMap<>();
    for (String group : ThreadGrouping.COMPONENTS) {
      byComponent.put(group, 0.0);
    }
    to.vmTicks()
        .forEach(
            (group, ticks) ->
                byComponent.put(
                    group,
                    Math.max(0, ticks - from.vmTicks().getOrDefault(group, 0L))
                        / ProcFs.TICKS_PER_SECOND
                        / seconds));
    to.threads()
        .forEach(
            (id, cpu) -> {
              long before = from.threads().getOrDefault(id, 0L);
              String group = ThreadGrouping.component(jvm.name(id));
              byComponent.merge(group, (cpu - before) / 1e9 / seconds, Double::sum);
            });
    // Threads that ended in between (clients, drained workers) are in the process total only.
    double attributed = byComponent.values().stream().mapToDouble(Double::doubleValue).sum();
    double jvmCores = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
    byComponent.merge("other", Math.max(0, jvmCores - attributed), Double::sum);
    double pgCores =
        from.postgresTicks() < 0 || to.postgresTicks() < 0
            ? -1
            : (to.postgresTicks() - from.postgresTicks()) / ProcFs.TICKS_PER_SECOND / seconds;
    Runtime rt = Runtime.getRuntime();
    return new Usage(
        seconds,
        jvmCores,
        pgCores,
        from.machineBusyTicks() < 0 || to.machineBusyTicks() < 0
            ? -1
            : (to.machineBusyTicks() - from.machineBusyTicks()) / ProcFs.TICKS_PER_SECOND / seconds,
        byComponent,
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        proc.ownStatusMb("VmRSS:"),
        proc.ownStatusMb("VmHWM:"),
        cpuWait(from, to, seconds));
  }

  /** Tasks that ended in between are left out; tasks that started count from zero. */
  static Map<String, CpuWait> cpuWait(Snapshot from, Snapshot to, double seconds) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (String g : new String[] {CDC, STREAMS_APP, WALSENDER}) {
      sums.put(g, new long[2]);
    }
    to.sched()
        .forEach(
            (id, now) -> {
              Sched before = from.sched().get(id);
              long[] sum = sums.get(now.group());
              if (sum == null || before != null && !before.group().equals(now.group())) {
                return; // a reused id of another kind of task
              }
              sum[0] += now.runNanos() - (before == null ? 0 : before.runNanos());
              sum[1] += now.waitNanos() - (before == null ? 0 : before.waitNanos());
            });
    Map<String, CpuWait> waits = new LinkedHashMap<>();
    if (to.sched().isEmpty()) {
      return waits;
    }
    sums.forEach(
        (g, sum) ->
            waits.put(
                g,
                new CpuWait(
                    Math.max(0, sum[0]) / 1e9 / seconds, Math.max(0, sum[1]) / 1e9 / seconds)));
    return waits;
  }

  /**
   * Scheduler statistics of Debezium's threads and the stream threads (by kernel thread name) and
   * of the PostgreSQL server's walsenders, which decode the WAL for Debezium. Empty off Linux.
   */
  private Map<Long, Sched> schedStats(Map<Long, long[]> serverChildren) {
    Map<Long, String> threads = proc.ownThreads();
    if (threads == null) {
      return Map.of();
    }
    Map<Long, Sched> all = new HashMap<>();
    threads.forEach(
        (id, kernelName) -> {
          String stage = ThreadGrouping.serialStage(kernelName);
          if (stage != null) {
            put(all, id, stage, proc.ownThreadSchedstat(id));
          }
        });
    if (serverChildren != null) {
      for (long pid : serverChildren.keySet()) {
        if (ThreadGrouping.isWalsender(proc.cmdline(pid))) {
          put(all, pid, WALSENDER, proc.schedstat(pid));
        }
      }
    }
    return all;
  }

  private static void put(Map<Long, Sched> all, long id, String group, long[] runWait) {
    if (runWait != null) {
      all.put(id, new Sched(group, runWait[0], runWait[1]));
    }
  }

  /**
   * CPU ticks of the JVM's own threads, which are not Java threads (the thread MXBean does not see
   * them): the garbage collector's and the JIT compiler's, from /proc/self/task. Empty off Linux.
   */
  private Map<String, Long> vmThreadTicks() {
    Map<Long, String> threads = proc.ownThreads();
    if (threads == null) {
      return Map.of();
    }
    Map<String, Long> ticks = new HashMap<>();
    threads.forEach(
        (id, kernelName) -> {
          String group = ThreadGrouping.vmComponent(kernelName);
          long[] cpu = group == null ? null : proc.ownThreadStat(id);
          if (cpu != null) {
            ticks.merge(group, cpu[1] + cpu[2], Long::sum);
          }
        });
    return ticks;
  }

  /**
   * CPU ticks of the PostgreSQL server: the postmaster, its reaped children (cutime, cstime) and
   * its live children. A backend that exits between two snapshots moves from the live sum into
   * cutime, so differences stay right.
   */
  private long postgresTicks(Map<Long, long[]> serverChildren) {
    if (postmasterPid <= 0 || serverChildren == null) {
      return -1;
    }
    long[] self = proc.stat(postmasterPid);
    if (self == null) {
      return -1;
    }
    long total = self[1] + self[2] + self[3] + self[4];
    for (long[] child : serverChildren.values()) {
      total += child[1] + child[2];
    }
    return total;
  }

  /**
   * The stat fields of every live child process of the PostgreSQL server, by pid; empty without a
   * known server, null when /proc cannot be listed.
   */
  private Map<Long, long[]> serverChildren() {
    if (postmasterPid <= 0) {
      return Map.of();
    }
    return proc.children(postmasterPid);
  }

  /** The server process named in a data directory's postmaster.pid; -1 when unknown. */
  static long postmasterPid(Path dataDirectory) {
    if (dataDirectory == null) {
      return -1;
    }
    try {
      return Long.parseLong(
          Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
