package dev.catalogsync.bench.report;

import dev.catalogsync.bench.BenchOptions;
import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.PairedRatio;
import dev.catalogsync.bench.retention.RetentionResult;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.BulkUpdater;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, in the order the report presents it.
 *
 * @param command the command line that produced it
 * @param environment machine, versions and settings, name to value
 * @param options the resolved options
 * @param sourceCost the three trigger variants
 * @param freshness one entry per freshness phase (the offered rates, then the Zipf coalescing run)
 * @param backlog how the backlog was made
 * @param drains catalog-sync first, then the contenders
 * @param targets the goals, met or missed
 * @param totalSeconds wall time of the whole run
 * @param retention queue rotation and verification (issue 19); null when not run
 */
public record RunReport(
    String command,
    Map<String, String> environment,
    BenchOptions options,
    List<SourceCostResult> sourceCost,
    List<FreshnessResult> freshness,
    BulkUpdater.Result backlog,
    List<DrainResult> drains,
    List<TargetResult> targets,
    double totalSeconds,
    RetentionResult retention) {

  /** A report without the retention phases. */
  public RunReport(
      String command,
      Map<String, String> environment,
      BenchOptions options,
      List<SourceCostResult> sourceCost,
      List<FreshnessResult> freshness,
      BulkUpdater.Result backlog,
      List<DrainResult> drains,
      List<TargetResult> targets,
      double totalSeconds) {
    this(
        command,
        environment,
        options,
        sourceCost,
        freshness,
        backlog,
        drains,
        targets,
        totalSeconds,
        null);
  }

  DrainResult drain(String contender) {
    return drains.stream().filter(d -> d.contender().equals(contender)).findFirst().orElse(null);
  }

  /** catalog-sync's trigger against GitLab's shape, slice by slice in the rounds they shared. */
  PairedRatio sourceCostPaired() {
    if (sourceCost.size() < 3) {
      return PairedRatio.of(List.of(), List.of());
    }
    return PairedRatio.of(sourceCost.get(2).sliceRates(), sourceCost.get(1).sliceRates());
  }

  /** catalog-sync's drain rate divided by a contender's; NaN when either is missing. */
  double ratio(String contender) {
    DrainResult ours = drain(CatalogSyncDrain.NAME);
    DrainResult other = drain(contender);
    if (ours == null || other == null || other.perSecond() <= 0) {
      return Double.NaN;
    }
    return ours.perSecond() / other.perSecond();
  }
}
