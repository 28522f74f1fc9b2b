package dev.catalogsync.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * An offered source rate: a target in updates per second, or flat out (as fast as the clients can
 * commit), written "max".
 *
 * @param perSecond the target; 0 means flat out
 */
public record Rate(int perSecond) {
  public static final Rate FLAT_OUT = new Rate(0);

  public Rate {
    if (perSecond < 0) {
      throw new IllegalArgumentException("a rate cannot be negative: " + perSecond);
    }
  }

  public boolean flatOut() {
    return perSecond == 0;
  }

  /** "250", "1000" or "max". */
  public String label() {
    return flatOut() ? "max" : Integer.toString(perSecond);
  }

  /** Parses "250,1000,max"; order is kept, so the report follows what was asked. */
  public static List<Rate> parseList(String text) {
    List<Rate> rates = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim().toLowerCase(java.util.Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("max")) {
        rates.add(FLAT_OUT);
        continue;
      }
      try {
        int value = Integer.parseInt(p);
        if (value <= 0) {
          throw new IllegalArgumentException("a rate must be above 0 (or max): " + part);
        }
        rates.add(new Rate(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "not a rate: '" + part + "' (use updates per second, or max)", e);
      }
    }
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("no rate given");
    }
    return List.copyOf(rates);
  }
}
