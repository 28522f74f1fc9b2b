package dev.catalogsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit a run measured, so every report can be tied to its code: the clone's HEAD, and whether
 * the work tree differed from it (the launcher builds from the work tree).
 */
final class SourceCommit {
  /** Set by the launcher to the clone it runs from; else the current directory. */
  static final String SOURCE_DIR_VARIABLE = "CATALOG_SYNC_SOURCE_DIR";

  private SourceCommit() {}

  static String describe() {
    String dir = System.getenv().getOrDefault(SOURCE_DIR_VARIABLE, ".");
    return describe(Path.of(dir));
  }

  /** e.g. {@code 4be571a... (work tree clean)}; says so when there is no git clone to ask. */
  static String describe(Path dir) {
    String head = git(dir, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return "unknown (not run from a git clone)";
    }
    String changes = git(dir, "status", "--porcelain", "--untracked-files=no");
    String tree =
        changes == null
            ? "work tree not known"
            : changes.isBlank() ? "work tree clean" : "with uncommitted changes";
    return head.strip() + " (" + tree + ")";
  }

  private static String git(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
