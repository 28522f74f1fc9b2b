package dev.catalogsync.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a small /proc tree in a test's directory, with the files the meter reads. */
final class FakeProc {
  private FakeProc() {}

  /** /proc/{pid}/stat of a process, its command name in parentheses as the kernel writes it. */
  static void process(
      Path proc, long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime)
      throws IOException {
    write(
        proc.resolve(Long.toString(pid)).resolve("stat"),
        stat(pid, comm, ppid, utime, stime, cutime, cstime));
  }

  /** /proc/self/task/{id}: comm, stat and schedstat of one of this process's threads. */
  static void thread(
      Path proc, long id, String kernelName, long utime, long stime, String schedstat)
      throws IOException {
    Path task = proc.resolve("self").resolve("task").resolve(Long.toString(id));
    write(task.resolve("comm"), kernelName + "\n");
    write(task.resolve("stat"), stat(id, kernelName, 1, utime, stime, 0, 0));
    write(task.resolve("schedstat"), schedstat + "\n");
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String stat(
      long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
    // stime cutime cstime priority nice num_threads ...
    return pid
        + " ("
        + comm
        + ") S "
        + ppid
        + " 1 1 0 -1 4194304 120 0 3 0 "
        + utime
        + " "
        + stime
        + " "
        + cutime
        + " "
        + cstime
        + " 20 0 1 0 100 1000000 200 18446744073709551615\n";
  }
}
