package dev.catalogsync.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

  @Test
  void frequenciesFollowTheLaw() {
    int n = 1000;
    ZipfSampler zipf = new ZipfSampler(n, 1.0);
    SplittableRandom random = new SplittableRandom(7);
    int draws = 400_000;
    int[] counts = new int[n];
    for (int i = 0; i < draws; i++) {
      counts[zipf.sample(random)]++;
    }
    double harmonic = 0;
    for (int k = 1; k <= n; k++) {
      harmonic += 1.0 / k;
    }
    // Rank 1 takes 1/H(n) of the draws, rank 2 half of that, rank 10 a tenth.
    assertThat(counts[0] / (double) draws).isCloseTo(1 / harmonic, within(0.005));
    assertThat(counts[1] / (double) counts[0]).isCloseTo(0.5, within(0.03));
    assertThat(counts[9] / (double) counts[0]).isCloseTo(0.1, within(0.02));
    assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-9));
  }

  @Test
  void everyDrawIsInRange() {
    ZipfSampler zipf = new ZipfSampler(3, 2.5);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      assertThat(zipf.sample(random)).isBetween(0, 2);
    }
  }

  @Test
  void probabilitiesSumToOne() {
    ZipfSampler zipf = new ZipfSampler(500, 0.8);
    double sum = 0;
    for (int r = 0; r < zipf.size(); r++) {
      sum += zipf.probability(r);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void keySamplerSpreadsHotRanksAndDrawsDistinctSets() {
    KeySampler keys = new KeySampler(KeyDistribution.ZIPF, 10_000, 1.0, 42);
    SplittableRandom random = new SplittableRandom(3);
    long[] ids = keys.distinct(2_000, random);
    assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(ids).min().getAsLong()).isGreaterThanOrEqualTo(1L);
    assertThat(java.util.Arrays.stream(ids).max().getAsLong()).isLessThanOrEqualTo(10_000L);

    KeySampler uniform = new KeySampler(KeyDistribution.UNIFORM, 50, 1.0, 42);
    long[] all = uniform.distinct(100, random);
    assertThat(all).hasSize(50).doesNotHaveDuplicates();
  }
}
