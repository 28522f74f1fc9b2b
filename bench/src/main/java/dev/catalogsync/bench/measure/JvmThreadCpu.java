package dev.catalogsync.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * This JVM's CPU time as JMX reports it: the whole process (every thread, HotSpot's own and those
 * that ended included) and each live Java thread, whose name it remembers for grouping.
 */
final class JvmThreadCpu {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, String> names = new HashMap<>();

  /**
   * CPU nanoseconds of each live Java thread, by thread id; a thread JMX cannot time is left out.
   */
  Map<Long, Long> threadCpuNanos() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long t = threads.getThreadCpuTime(info.getThreadId());
      if (t >= 0) {
        cpu.put(info.getThreadId(), t);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return cpu;
  }

  /** CPU nanoseconds of the whole process. */
  long processCpuNanos() {
    return os.getProcessCpuTime();
  }

  /** The name of a thread {@link #threadCpuNanos} has timed, even after it ended; else "". */
  String name(long threadId) {
    return names.getOrDefault(threadId, "");
  }
}
