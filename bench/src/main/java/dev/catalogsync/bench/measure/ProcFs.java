package dev.catalogsync.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The kernel's /proc, read for the resource meter: CPU ticks of processes and of this process's
 * threads, their scheduler statistics, the whole machine's busy ticks and this process's memory. A
 * read that fails (the process is gone, or this is not Linux) gives "unknown", as each method says.
 */
final class ProcFs {
  /** Clock ticks per second of /proc's CPU times; 100 on every Linux this runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  private final Path root;

  /** The system's /proc. */
  ProcFs() {
    this(Path.of("/proc"));
  }

  /** A /proc tree at another place (tests give it one of their own). */
  ProcFs(Path root) {
    this.root = root;
  }

  /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
  long[] stat(long pid) {
    return stat(process(pid).resolve("stat"));
  }

  /**
   * The {@link #stat} fields of every live child process of a parent, by pid; null when /proc
   * cannot be listed.
   */
  Map<Long, long[]> children(long parentPid) {
    Map<Long, long[]> children = new HashMap<>();
    try (Stream<Path> procs = Files.list(root)) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        long[] child = stat(pid);
        if (child != null && child[0] == parentPid) {
          children.put(pid, child);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return children;
  }

  /** A process's command line, which PostgreSQL sets to each backend's title; empty when gone. */
  String cmdline(long pid) {
    return readQuietly(process(pid).resolve("cmdline"));
  }

  /** A process's {@link #schedstat(String) scheduler statistics}, or null when unknown. */
  long[] schedstat(long pid) {
    return schedstat(readQuietly(process(pid).resolve("schedstat")));
  }

  /**
   * This process's threads (its tasks) by id, each with its kernel name (Linux keeps only the start
   * of a Java thread's name), as read, newline included; null when they cannot be listed.
   */
  Map<Long, String> ownThreads() {
    Map<Long, String> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(ownTasks())) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        threads.put(
            Long.parseLong(task.getFileName().toString()), readQuietly(task.resolve("comm")));
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return threads;
  }

  /** The {@link #stat} fields of one of this process's threads, or null when it is gone. */
  long[] ownThreadStat(long threadId) {
    return stat(ownTasks().resolve(Long.toString(threadId)).resolve("stat"));
  }

  /** The scheduler statistics of one of this process's threads, or null when unknown. */
  long[] ownThreadSchedstat(long threadId) {
    return schedstat(readQuietly(ownTasks().resolve(Long.toString(threadId)).resolve("schedstat")));
  }

  /** Busy CPU ticks of the whole machine (/proc/stat: all but idle and iowait), or -1. */
  long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(root.resolve("stat")).get(0).trim().split("\\s+");
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

  /** A size this process's status gives in kB (a field such as "VmRSS:"), in MiB; or -1. */
  double ownStatusMb(String field) {
    try {
      for (String line : Files.readAllLines(root.resolve("self").resolve("status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: reported as unknown
    }
    return -1;
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

  private Path process(long pid) {
    return root.resolve(Long.toString(pid));
  }

  private Path ownTasks() {
    return root.resolve("self").resolve("task");
  }

  /** The fields {@link #stat(long)} names, of a /proc stat file (a process's or a thread's). */
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

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
