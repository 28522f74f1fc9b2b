package dev.catalogsync.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn in place, for commands that walk every resource. */
record ProgressBar(PrintStream out, long total) {
  private static final int WIDTH = 30;

  void show(long done) {
    long shown = Math.min(done, Math.max(total, 1));
    int filled = (int) (WIDTH * shown / Math.max(total, 1));
    out.printf(
        "\r[%s%s] %3d%% %d/%d",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * shown / Math.max(total, 1),
        done,
        total);
    out.flush();
  }

  void finish() {
    if (total > 0) {
      out.println();
    }
  }
}
