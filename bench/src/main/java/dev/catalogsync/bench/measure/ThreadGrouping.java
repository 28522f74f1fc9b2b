package dev.catalogsync.bench.measure;

import dev.catalogsync.bench.BenchStack;
import java.util.List;
import java.util.Locale;

/**
 * How the resource meter sorts threads into the pipeline's parts, three ways: Java threads by name
 * into the JVM's components (CPU by component); HotSpot's own threads, which JMX does not see, by
 * kernel name into gc and jit; and the pipeline's serial stages, by kernel name and (PostgreSQL's
 * walsender) by process title, for how long they waited for a CPU.
 */
final class ThreadGrouping {
  /** The JVM's components, in the order the report lists them. */
  static final List<String> COMPONENTS =
      List.of("streams-app", "connector", "kafka-broker", "bench", "gc", "jit", "other");

  /**
   * Kernel name prefix of the bench's stream threads: Linux keeps the first 15 characters of a Java
   * thread's name, and every thread of the streams app starts with its application id.
   */
  private static final String STREAMS_KERNEL_NAME = BenchStack.APPLICATION_ID.substring(0, 15);

  private ThreadGrouping() {}

  /**
   * The component of a Java thread, a heuristic by name: Kafka Streams and Debezium name their
   * threads recognisably.
   */
  static String component(String javaThreadName) {
    String n = javaThreadName.toLowerCase(Locale.ROOT);
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

  /** "gc" or "jit" for HotSpot's own threads (G1 and Parallel names), null for any other. */
  static String vmComponent(String kernelName) {
    String n = kernelName.strip();
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

  /**
   * The serial stage a thread of this JVM belongs to, by kernel name: Debezium's threads ({@link
   * ResourceMeter#CDC}) and the streams app's ({@link ResourceMeter#STREAMS_APP}); null for every
   * other thread.
   */
  static String serialStage(String kernelName) {
    String n = kernelName.strip();
    if (n.startsWith("debezium")) {
      return ResourceMeter.CDC;
    }
    if (n.startsWith(STREAMS_KERNEL_NAME)) {
      return ResourceMeter.STREAMS_APP;
    }
    return null;
  }

  /**
   * Whether a PostgreSQL process is a walsender, which decodes the WAL for Debezium: PostgreSQL
   * sets each backend's title, "postgres: walsender user client ...".
   */
  static boolean isWalsender(String cmdline) {
    return cmdline.contains("walsender");
  }
}
