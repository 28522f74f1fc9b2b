package dev.catalogsync.bench;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines for the person watching a long run (stderr, so stdout stays clean). */
public final class Progress {
  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void line(String format, Object... args) {
    out.println(
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + " "
            + String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
