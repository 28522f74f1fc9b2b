package dev.catalogsync.bench.measure;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of measurements (no interpolation: every reported value is one
 * that was actually observed, which is what a "p99 of 250 ms" target means).
 *
 * @param count how many values
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest value
 */
public record Percentiles(long count, double p50, double p95, double p99, double max) {

  public static final Percentiles EMPTY =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** Sorts a copy of the values; the caller's array is left alone. */
  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      return EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** The smallest value such that at least p percent of the values are at or below it. */
  static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
