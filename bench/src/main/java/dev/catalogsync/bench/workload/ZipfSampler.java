package dev.catalogsync.bench.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf's law). The cumulative
 * distribution is computed once; a draw is one binary search, so samplers are cheap to share
 * between threads as long as each thread brings its own random source.
 */
final class ZipfSampler {
  private final double[] cumulative;

  ZipfSampler(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    if (!(exponent > 0)) {
      throw new IllegalArgumentException("exponent must be above 0: " + exponent);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int rank = 0; rank < n; rank++) {
      sum += 1.0 / Math.pow(rank + 1, exponent);
      cumulative[rank] = sum;
    }
    for (int rank = 0; rank < n; rank++) {
      cumulative[rank] /= sum;
    }
    // Rounding could leave the last value a hair under 1 and let a draw fall off the end.
    cumulative[n - 1] = 1.0;
  }

  int size() {
    return cumulative.length;
  }

  /** Probability of one rank, for tests and for the report's description of the skew. */
  double probability(int rank) {
    return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
  }

  /** A rank in 0..n-1; 0 is the most frequent. */
  int sample(SplittableRandom random) {
    double u = random.nextDouble();
    int i = Arrays.binarySearch(cumulative, u);
    // Not found: binarySearch returns -(insertion point) - 1; the insertion point is the first
    // rank whose cumulative probability exceeds u, which is exactly the rank drawn.
    return i >= 0 ? i : -i - 1;
  }
}
