package dev.catalogsync.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the one parser for settings and command-line options: {@code
 * 500ms}, {@code 1.5s}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}, ISO-8601 ({@code PT10S}),
 * or a bare number in the unit the setting or option is named for.
 */
public final class Durations {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * @param bareUnit the unit of a number written without one (milliseconds for {@code *.ms} keys)
   * @throws IllegalArgumentException when it is no duration
   */
  public static Duration parse(String text, ChronoUnit bareUnit) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = WITH_UNIT.matcher(t);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      long nanosPerUnit =
          switch (m.group(2) == null ? "" : m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> bareUnit.getDuration().toNanos();
          };
      return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (e.g. 500ms, 10s, 1m, 1h, 7d or PT10S)", e);
    }
  }
}
