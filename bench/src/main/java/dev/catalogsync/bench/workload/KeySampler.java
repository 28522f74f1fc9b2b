package dev.catalogsync.bench.workload;

import java.util.SplittableRandom;

/**
 * Picks the project id of the next update. Ids are 1..n (the seed inserts them in order). For Zipf
 * the ranks are mapped to ids through a fixed shuffle, so hot projects are spread over the table
 * and over Kafka partitions rather than being the first n ids.
 */
public final class KeySampler {
  private final KeyDistribution distribution;
  private final int projects;
  private final ZipfSampler zipf;
  private final long[] idOfRank;

  public KeySampler(KeyDistribution distribution, int projects, double zipfExponent, long seed) {
    this.distribution = distribution;
    this.projects = projects;
    if (distribution == KeyDistribution.ZIPF) {
      this.zipf = new ZipfSampler(projects, zipfExponent);
      this.idOfRank = new long[projects];
      for (int i = 0; i < projects; i++) {
        idOfRank[i] = i + 1L;
      }
      SplittableRandom shuffle = new SplittableRandom(seed);
      for (int i = projects - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        long t = idOfRank[i];
        idOfRank[i] = idOfRank[j];
        idOfRank[j] = t;
      }
    } else {
      this.zipf = null;
      this.idOfRank = null;
    }
  }

  public KeyDistribution distribution() {
    return distribution;
  }

  int projects() {
    return projects;
  }

  /** One project id; thread-safe as long as each thread passes its own random source. */
  public long next(SplittableRandom random) {
    if (zipf == null) {
      return 1L + random.nextInt(projects);
    }
    return idOfRank[zipf.sample(random)];
  }

  /**
   * Up to {@code rows} distinct ids, for one bulk statement. Draws stop after a bounded number of
   * tries, so a very skewed distribution yields a smaller (still distinct) set instead of looping.
   */
  public long[] distinct(int rows, SplittableRandom random) {
    int wanted = Math.min(rows, projects);
    java.util.HashSet<Long> seen = new java.util.HashSet<>(wanted * 2);
    long[] ids = new long[wanted];
    int n = 0;
    long tries = 0;
    long maxTries = 50L * wanted;
    while (n < wanted && tries++ < maxTries) {
      long id = next(random);
      if (seen.add(id)) {
        ids[n++] = id;
      }
    }
    return n == wanted ? ids : java.util.Arrays.copyOf(ids, n);
  }
}
