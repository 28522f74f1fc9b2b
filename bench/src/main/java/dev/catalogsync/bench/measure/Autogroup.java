package dev.catalogsync.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the Linux scheduler groups processes by session (kernel.sched_autogroup_enabled). With it
 * on, processes outside any CPU cgroup share the CPU fairly per session, not per thread. Every
 * PostgreSQL backend starts a session of its own (setsid), so each weighs as much as this whole
 * JVM, which holds the broker, Debezium, the streams app and the bench's own clients: flat out, two
 * busy backends and the walsender leave the JVM about one of two cores.
 */
public enum Autogroup {
  ON,
  OFF,
  UNKNOWN;

  public static final Path SYSCTL = Path.of("/proc/sys/kernel/sched_autogroup_enabled");

  public static Autogroup read(Path sysctl) {
    try {
      return switch (Files.readString(sysctl).trim()) {
        case "1" -> ON;
        case "0" -> OFF;
        default -> UNKNOWN;
      };
    } catch (IOException | RuntimeException e) {
      return UNKNOWN; // not Linux, or a kernel built without it
    }
  }

  /** For the report's environment. */
  public String describe() {
    return switch (this) {
      case ON ->
          "on (kernel.sched_autogroup_enabled=1): each PostgreSQL backend weighs as much on the"
              + " CPU as this whole JVM";
      case OFF -> "off (kernel.sched_autogroup_enabled=0): CPU is shared fairly per thread";
      case UNKNOWN -> "unknown";
    };
  }
}
