package dev.catalogsync.bench.measure;

import java.util.List;

/**
 * How one variant's rate compares with another's when both ran once in each round: the geometric
 * mean of the per-round ratios, with a 95% interval from Student's t. Pairing by round takes out
 * what moves both (the machine's speed of the moment); the interval says whether a run can tell a
 * difference of a few percent from noise at all.
 *
 * @param ratio geometric mean of ours / theirs over the rounds
 * @param low lower end of the 95% interval
 * @param high upper end of the 95% interval
 * @param rounds how many pairs
 */
public record PairedRatio(double ratio, double low, double high, int rounds) {

  /** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom. */
  private static final double[] T95 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /** Pairs slice i of one with slice i of the other; NaN bounds with fewer than two rounds. */
  public static PairedRatio of(List<Double> ours, List<Double> theirs) {
    int n = Math.min(ours.size(), theirs.size());
    if (n == 0) {
      return new PairedRatio(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] logs = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      logs[i] = Math.log(ours.get(i) / theirs.get(i));
      sum += logs[i];
    }
    double mean = sum / n;
    if (n < 2) {
      return new PairedRatio(Math.exp(mean), Double.NaN, Double.NaN, n);
    }
    double squares = 0;
    for (double x : logs) {
      squares += (x - mean) * (x - mean);
    }
    double halfWidth = t95(n - 1) * Math.sqrt(squares / (n - 1) / n);
    return new PairedRatio(
        Math.exp(mean), Math.exp(mean - halfWidth), Math.exp(mean + halfWidth), n);
  }

  private static double t95(int degreesOfFreedom) {
    return degreesOfFreedom <= T95.length ? T95[degreesOfFreedom - 1] : 1.96;
  }
}
