package dev.catalogsync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.GitLabWorker;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.Autogroup;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static final ResourceMeter.Usage TEN_SECONDS_ONE_CORE =
      new ResourceMeter.Usage(10, 1, 1, 2, Map.of(), 100, 200, 200, Map.of());

  private static DrainResult drain(String contender, long events, double seconds) {
    return new DrainResult(
        contender, events, events, seconds, seconds, true, 0, Map.of(), TEN_SECONDS_ONE_CORE);
  }

  private static TargetResult target(List<DrainResult> drains, String goal) {
    return target(List.of(), drains, Autogroup.OFF, goal);
  }

  private static TargetResult target(
      List<FreshnessResult> freshness, List<DrainResult> drains, Autogroup autogroup, String goal) {
    return Targets.evaluate(KeyDistribution.UNIFORM, freshness, drains, autogroup).stream()
        .filter(t -> t.goal().equals(goal))
        .findFirst()
        .orElseThrow();
  }

  /** catalog-sync at 15k events/s, the worker at 45k/s, PostgreSQL decoding in the given time. */
  private static List<DrainResult> drainsWithDecodingIn(double decodingSeconds) {
    return List.of(
        drain(CatalogSyncDrain.NAME, 1_000_000, 66.7),
        drain(GitLabWorker.NAME, 1_000_000, 22.2),
        drain(DecodingLimit.NAME, 1_000_000, decodingSeconds));
  }

  @Test
  void tenTimesTheWorkerBeyondWhatPostgresDecodesIsCalledOutOfReach() {
    List<DrainResult> drains = drainsWithDecodingIn(16.0);

    TargetResult ratio = target(drains, "backlog drain >= 10x the GitLab-style worker");

    assertThat(ratio.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(ratio.whereTimeGoes())
        .contains("10x the GitLab-style worker is 450450 events/s")
        .contains("7.2x what PostgreSQL's own logical decoding")
        .contains("out of reach");
    assertThat(target(drains, "backlog drain >= 50k events/s").whereTimeGoes())
        .contains("PostgreSQL alone decoded this backlog")
        .contains("at 62500 events/s (1.00 cores, 10.0 us of its CPU per event)");
  }

  @Test
  void aDecodingCeilingAboveTenTimesTheWorkerIsNotAnExcuse() {
    TargetResult ratio =
        target(drainsWithDecodingIn(1.0), "backlog drain >= 10x the GitLab-style worker");

    assertThat(ratio.whereTimeGoes()).doesNotContain("out of reach");
    assertThat(ratio.whereTimeGoes()).contains("at 1000000 events/s");
  }

  @Test
  void withoutADecodingLimitTheCauseSaysNothingOfIt() {
    List<DrainResult> drains =
        List.of(
            drain(CatalogSyncDrain.NAME, 1_000_000, 66.7),
            drain(GitLabWorker.NAME, 1_000_000, 22.2));

    assertThat(target(drains, "backlog drain >= 10x the GitLab-style worker").whereTimeGoes())
        .doesNotContain("decod");
  }

  @Test
  void convergenceIsJudgedOnTimeToEqualRowsNotOnEventsPerSecond() {
    // Slower in events/s, yet every resource equal sooner: the target is met.
    DrainResult ours =
        new DrainResult(
            CatalogSyncDrain.NAME,
            1_000_000,
            1_000_000,
            40,
            18.5,
            true,
            0,
            Map.of(CatalogSyncDrain.CAUGHT_UP, 950_000.0),
            TEN_SECONDS_ONE_CORE);
    DrainResult worker = drain(GitLabWorker.NAME, 1_000_000, 22.2);

    TargetResult met = target(List.of(ours, worker), Targets.CONVERGENCE_GOAL);
    TargetResult missed =
        target(
            List.of(drain(CatalogSyncDrain.NAME, 1_000_000, 66.7), worker),
            Targets.CONVERGENCE_GOAL);

    assertThat(met.status()).isEqualTo(TargetResult.Status.MET);
    assertThat(met.measured())
        .isEqualTo("catalog-sync 18.5 s, the GitLab-style worker 22.2 s (1.2x)");
    assertThat(missed.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(missed.measured())
        .isEqualTo("catalog-sync 66.7 s, the GitLab-style worker 22.2 s (0.3x)");
  }

  @Test
  void theCdcShareIsTheBacklogOverTheTimeUntilCdcPublishedItAgainstTheDecodingLimit() {
    DrainResult ours =
        new DrainResult(
            CatalogSyncDrain.NAME,
            1_000_000,
            1_000_000,
            26,
            7.4,
            true,
            0,
            Map.of(CatalogSyncDrain.PUBLISHED, 25.0),
            TEN_SECONDS_ONE_CORE);
    String goal = Targets.CDC_GOAL;

    // 40,000 events/s through CDC: 0.40x of 100,000/s, 0.20x of 200,000/s.
    TargetResult met = target(List.of(ours, drain(DecodingLimit.NAME, 1_000_000, 10)), goal);
    TargetResult missed = target(List.of(ours, drain(DecodingLimit.NAME, 1_000_000, 5)), goal);
    TargetResult notRun = target(List.of(ours), goal);

    assertThat(met.status()).isEqualTo(TargetResult.Status.MET);
    assertThat(met.measured()).startsWith("0.40x (CDC published the backlog at 40000 events/s");
    assertThat(missed.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(missed.measured()).startsWith("0.20x");
    assertThat(notRun.status()).isEqualTo(TargetResult.Status.NOT_MEASURED);
  }

  @Test
  void aContenderThatNeverConvergedSaysSo() {
    DrainResult stuck =
        new DrainResult(
            CatalogSyncDrain.NAME,
            1_000_000,
            400_000,
            120,
            Double.NaN,
            false,
            0,
            Map.of(CatalogSyncDrain.CAUGHT_UP, 0.0),
            TEN_SECONDS_ONE_CORE);

    TargetResult t =
        target(List.of(stuck, drain(GitLabWorker.NAME, 1_000_000, 22.2)), Targets.CONVERGENCE_GOAL);

    assertThat(t.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(t.measured()).startsWith("catalog-sync did not converge in 120 s");
    assertThat(t.whereTimeGoes())
        .startsWith("The catch-up from the database copied the resources of 0 of");
  }

  /** A flat-out phase that kept up but whose p99 was 2 s. */
  private static TargetResult flatOutMissedWith(Autogroup autogroup) {
    return flatOut(100, new Percentiles(1000, 100, 1500, 2000, 2500), autogroup);
  }

  /** A flat-out phase of 1000 events at 100 per second, nothing left unapplied. */
  private static TargetResult flatOut(
      double appliedPerSecond, Percentiles freshness, Autogroup autogroup) {
    FreshnessResult flatOut =
        new FreshnessResult(
            "max uniform",
            Rate.FLAT_OUT,
            KeyDistribution.UNIFORM,
            1000,
            100,
            appliedPerSecond,
            freshness,
            freshness,
            freshness,
            freshness,
            0,
            1000,
            new WriteBatches(10, 100, 1, 2, 20),
            List.of(),
            TEN_SECONDS_ONE_CORE);
    return target(
        List.of(flatOut),
        List.of(),
        autogroup,
        "applied = offered at the highest source rate, with p99 <= 1 s");
  }

  @Test
  void aPhaseMissedOnlyByTheAppliedRateSaysSoAndWhy() {
    TargetResult rateShort = flatOut(97, new Percentiles(1000, 100, 500, 666, 821), Autogroup.OFF);
    TargetResult p99Only = flatOutMissedWith(Autogroup.OFF);

    assertThat(rateShort.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(rateShort.whereTimeGoes())
        .startsWith(
            "Nothing was left unapplied, but the applied rate was 97.00% of the source rate")
        .contains("under the 98% that counts as kept up")
        .contains("the phase's tail (max 821 ms)");
    assertThat(p99Only.whereTimeGoes()).doesNotContain("applied rate");
  }

  @Test
  void aMissedFlatOutPhaseNamesAutogroupSchedulingOnlyWhenItIsOn() {
    TargetResult on = flatOutMissedWith(Autogroup.ON);
    TargetResult off = flatOutMissedWith(Autogroup.OFF);

    assertThat(on.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(on.whereTimeGoes())
        .contains("autogroup scheduling is on")
        .contains("as much on the CPU as this whole JVM");
    assertThat(off.status()).isEqualTo(TargetResult.Status.MISSED);
    assertThat(off.whereTimeGoes()).doesNotContain("autogroup");
  }
}
