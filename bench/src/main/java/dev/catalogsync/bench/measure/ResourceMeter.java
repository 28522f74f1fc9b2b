package dev.catalogsync.bench.measure;

import dev.catalogsync.bench.BenchStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU and memory over a phase: this JVM's process CPU time (broker, connector, streams app and the
 * load generator all live here), an approximate split of it by thread name, the PostgreSQL server's
 * processes from /proc, heap and resident set size; and, from the kernel's scheduler statistics,
 * how long the pipeline's serial stages sat runnable waiting for a CPU.
 */
public final class ResourceMeter {
  /** Clock ticks per second of /proc's CPU times; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  /**
   * Kernel name prefix of the bench's stream threads: Linux keeps the first 15 characters of a Java
   * thread's name, and every thread of the streams app starts with its application id.
   */
  private static final String STREAMS_KERNEL_NAME = BenchStack.APPLICATION_ID.substring(0, 15);

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

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long postmasterPid;
  private final Map<Long, String> threadNames = new HashMap<>();

  /**
   * @param postgresDataDirectory the server's data directory, whose postmaster.pid names the server
   *     process; null when unknown
   */
  public ResourceMeter(Path postgresDataDirectory) {
    this.postmasterPid = readPostmasterPid(postgresDataDirectory);
  }

  public Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long t = threads.getThreadCpuTime(info.getThreadId());
      if (t >= 0) {
        cpu.put(info.getThreadId(), t);
        threadNames.put(info.getThreadId(), info.getThreadName());
      }
    }
    Map<Path, long[]> serverChildren = serverChildren();
    return new Snapshot(
        System.nanoTime(),
        os.getProcessCpuTime(),
        postgresTicks(serverChildren),
        machineBusyTicks(),
        cpu,
        vmThreadTicks(),
        schedStats(serverChildren));
  }

  public Usage between(Snapshot from, Snapshot to) {
    double seconds = Math.max(1e-9, (to.wallNanos() - from.wallNanos()) / 1e9);
    Map<String, Double> byComponent = new LinkedHashMap<>();
    for (String group :
        new String[] {"streams-app", "connector", "kafka-broker", "bench", "gc", "jit", "other"}) {
      byComponent.put(group, 0.0);
    }
    to.vmTicks()
        .forEach(
            (group, ticks) ->
                byComponent.put(
                    group,
                    Math.max(0, ticks - from.vmTicks().getOrDefault(group, 0L))
                        / TICKS_PER_SECOND
                        / seconds));
    to.threads()
        .forEach(
            (id, cpu) -> {
              long before = from.threads().getOrDefault(id, 0L);
              String group = group(threadNames.getOrDefault(id, ""));
              byComponent.merge(group, (cpu - before) / 1e9 / seconds, Double::sum);
            });
    // Threads that ended in between (clients, drained workers) are in the process total only.
    double attributed = byComponent.values().stream().mapToDouble(Double::doubleValue).sum();
    double jvmCores = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
    byComponent.merge("other", Math.max(0, jvmCores - attributed), Double::sum);
    double pgCores =
        from.postgresTicks() < 0 || to.postgresTicks() < 0
            ? -1
            : (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds;
    Runtime rt = Runtime.getRuntime();
    return new Usage(
        seconds,
        jvmCores,
        pgCores,
        from.machineBusyTicks() < 0 || to.machineBusyTicks() < 0
            ? -1
            : (to.machineBusyTicks() - from.machineBusyTicks()) / TICKS_PER_SECOND / seconds,
        byComponent,
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        procStatusMb("VmRSS:"),
        procStatusMb("VmHWM:"),
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
  private static Map<Long, Sched> schedStats(Map<Path, long[]> serverChildren) {
    Map<Long, Sched> all = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String group = schedGroup(readQuietly(task.resolve("comm")));
        if (group != null) {
          put(all, task, group);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    if (serverChildren != null) {
      for (Path p : serverChildren.keySet()) {
        // PostgreSQL sets each backend's title: "postgres: walsender <user> <client> ..."
        if (readQuietly(p.resolve("cmdline")).contains("walsender")) {
          put(all, p, WALSENDER);
        }
      }
    }
    return all;
  }

  private static void put(Map<Long, Sched> all, Path task, String group) {
    long[] runWait = schedstat(readQuietly(task.resolve("schedstat")));
    if (runWait != null) {
      all.put(
          Long.parseLong(task.getFileName().toString()), new Sched(group, runWait[0], runWait[1]));
    }
  }

  /** The pipeline's serial stages by kernel thread name; null for every other thread. */
  static String schedGroup(String kernelName) {
    String n = kernelName.strip();
    if (n.startsWith("debezium")) {
      return CDC;
    }
    if (n.startsWith(STREAMS_KERNEL_NAME)) {
      return STREAMS_APP;
    }
    return null;
  }

  /**
   * Nanoseconds on a CPU and waiting on a run queue, the first two fields of a schedstat file; null
   * when it is empty or malformed.
   */
  static long[] schedstat(String content) {
    String[] f = content.strip().split("\\s+");
    if (f.length < 2) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * CPU ticks of the JVM's own threads, which are not Java threads (the thread MXBean does not see
   * them): the garbage collector's and the JIT compiler's, from /proc/self/task. Empty off Linux.
   */
  private static Map<String, Long> vmThreadTicks() {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String group = vmGroup(readQuietly(task.resolve("comm")));
        long[] cpu = group == null ? null : stat(task.resolve("stat"));
        if (cpu != null) {
          ticks.merge(group, cpu[1] + cpu[2], Long::sum);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return ticks;
  }

  /** "gc" or "jit" for HotSpot's own threads (G1 and Parallel names), null for any other. */
  static String vmGroup(String threadName) {
    String n = threadName.strip();
    if (n.contains("CompilerThre")) {
      return "jit";
    }
    if (n.startsWith("GC Thread")
        || n.startsWith("G1 ")
        || n.startsWith("VM Thread")
        || n.startsWith("ParGC")) {
      return "gc";
    }
    return null;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** Heuristic by thread name: Kafka Streams and Debezium name their threads recognisably. */
  static String group(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.contains("streamthread") || n.contains("catalog-sync-bench")) {
      return "streams-app";
    }
    if (n.startsWith("bench-") || n.equals("main")) {
      return "bench";
    }
    if (n.contains("debezium")
        || n.contains("producer-")
        || n.contains("engine")
        || n.startsWith("pool-")
        || n.contains("connector")) {
      return "connector";
    }
    if (n.contains("kafka")
        || n.contains("raft")
        || n.contains("controller")
        || n.contains("broker")
        || n.contains("data-plane")
        || n.contains("reaper")
        || n.contains("log-cleaner")
        || n.contains("metadata")) {
      return "kafka-broker";
    }
    return "other";
  }

  /**
   * CPU ticks of the PostgreSQL server: the postmaster, its reaped children (cutime, cstime) and
   * its live children. A backend that exits between two snapshots moves from the live sum into
   * cutime, so differences stay right.
   */
  private long postgresTicks(Map<Path, long[]> serverChildren) {
    if (postmasterPid <= 0 || serverChildren == null) {
      return -1;
    }
    long[] self = stat(postmasterPid);
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
   * The /proc directory and stat fields of every live child process of the PostgreSQL server; empty
   * without a known server, null when /proc cannot be listed.
   */
  private Map<Path, long[]> serverChildren() {
    if (postmasterPid <= 0) {
      return Map.of();
    }
    Map<Path, long[]> children = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] child = stat(Long.parseLong(name));
        if (child != null && child[0] == postmasterPid) {
          children.put(p, child);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return children;
  }

  /** Busy CPU ticks of the whole machine (/proc/stat: all but idle and iowait), or -1. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
  private static long[] stat(long pid) {
    return stat(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** The same fields of a /proc stat file (of a process or of one of its threads). */
  private static long[] stat(Path statFile) {
    try {
      String s = Files.readString(statFile);
      // The command name is in parentheses and may contain spaces; fields follow the last ')'.
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(f[1]),
        Long.parseLong(f[11]),
        Long.parseLong(f[12]),
        Long.parseLong(f[13]),
        Long.parseLong(f[14])
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long readPostmasterPid(Path dataDirectory) {
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

  private static double procStatusMb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: reported as unknown
    }
    return -1;
  }
}
