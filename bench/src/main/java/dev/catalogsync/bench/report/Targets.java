package dev.catalogsync.bench.report;

import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.GitLabWorker;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.Autogroup;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.workload.KeyDistribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Compares a run with the goals of issue 6 and, where one is missed, says what the data shows. */
public final class Targets {
  static final double FRESHNESS_P99_AT_1K_MS = 250;
  static final double FRESHNESS_P99_AT_MAX_MS = 1000;
  static final double DRAIN_EVENTS_PER_SECOND = 50_000;
  static final double DRAIN_RATIO_TO_GITLAB = 10;
  static final double ROW_WRITES_PER_UPDATE_ZIPF = 0.2;
  static final double CDC_SHARE_OF_DECODING = 0.35;
  static final String CDC_GOAL = "drain through CDC >= 0.35x the decoding limit";
  static final String CONVERGENCE_GOAL =
      "time to convergence after the bulk change <= the GitLab-style worker";

  static final String AUTOGROUP_ON =
      " The kernel's autogroup scheduling is on (kernel.sched_autogroup_enabled=1): every"
          + " PostgreSQL backend starts a session of its own, so the clients' two backends and the"
          + " walsender each weigh as much on the CPU as this whole JVM, which holds the broker,"
          + " Debezium, the streams app and the bench's clients (docs/performance.md, \"Flat out:"
          + " the kernel's autogroup scheduling\", compares runs with it on and off).";

  private Targets() {}

  public static List<TargetResult> evaluate(
      KeyDistribution mainKeys,
      List<FreshnessResult> freshness,
      List<DrainResult> drains,
      Autogroup autogroup) {
    List<TargetResult> out = new ArrayList<>();
    out.add(freshnessAt1k(mainKeys, freshness));
    out.add(highestRate(mainKeys, freshness, autogroup));
    DrainResult ours = find(drains, CatalogSyncDrain.NAME);
    DrainResult gitlab = find(drains, GitLabWorker.NAME);
    DrainResult streamsOnly = find(drains, StreamsOnlyDrain.NAME);
    DrainResult decoding = find(drains, DecodingLimit.NAME);
    out.add(drainRate(ours, streamsOnly, decoding));
    out.add(drainRatio(ours, gitlab, streamsOnly, decoding));
    out.add(convergence(ours, gitlab));
    out.add(throughCdc(ours, decoding));
    DrainResult zipfBacklog =
        mainKeys == KeyDistribution.ZIPF ? ours : find(drains, CatalogSyncDrain.ZIPF_NAME);
    out.add(coalescing(freshness, zipfBacklog));
    return out;
  }

  private static TargetResult freshnessAt1k(KeyDistribution keys, List<FreshnessResult> all) {
    String goal = "freshness p99 <= 250 ms at 1k updates/s";
    Optional<FreshnessResult> phase =
        all.stream().filter(f -> f.keys() == keys && f.rate().perSecond() == 1000).findFirst();
    if (phase.isEmpty()) {
      return new TargetResult(
          goal, "no 1000/s phase in --rates", TargetResult.Status.NOT_MEASURED, "");
    }
    FreshnessResult f = phase.get();
    boolean met = f.unapplied() == 0 && f.freshness().p99() <= FRESHNESS_P99_AT_1K_MS;
    return new TargetResult(
        goal,
        fmt(
            "p99 %.0f ms (p50 %.0f, max %.0f) at %.0f/s",
            f.freshness().p99(), f.freshness().p50(), f.freshness().max(), f.sourcePerSecond()),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met ? "" : split(f) + cpu(f.usage()));
  }

  /** The freshness split by stage, so a miss names the slow stage. */
  public static String split(FreshnessResult f) {
    WriteBatches w = f.writes();
    double streamsCores = f.usage().byComponent().getOrDefault("streams-app", 0.0);
    double cpuPerEvent =
        f.events() == 0 ? Double.NaN : streamsCores * f.usage().seconds() * 1000 / f.events();
    return fmt(
        "p99 by stage: to Kafka (CDC) %.0f ms, through Kafka %.0f ms, Kafka to row (streams app)"
            + " %.0f ms. The streams app wrote %d statements of %.1f rows, p50 %.1f ms, p99 %.1f"
            + " ms each, %.0f%% of the phase in write statements; its threads used %.2f cores,"
            + " %.3f ms of CPU per event. ",
        f.toKafka().p99(),
        f.throughKafka().p99(),
        f.toRow().p99(),
        w.batches(),
        w.meanRows(),
        w.p50Ms(),
        w.p99Ms(),
        100 * w.totalMs() / 1000 / Math.max(1e-9, f.usage().seconds()),
        streamsCores,
        cpuPerEvent);
  }

  private static TargetResult highestRate(
      KeyDistribution keys, List<FreshnessResult> all, Autogroup autogroup) {
    String goal = "applied = offered at the highest source rate, with p99 <= 1 s";
    Optional<FreshnessResult> phase =
        all.stream()
            .filter(f -> f.keys() == keys)
            .max(Comparator.comparingDouble(FreshnessResult::sourcePerSecond));
    if (phase.isEmpty()) {
      return new TargetResult(goal, "no phase", TargetResult.Status.NOT_MEASURED, "");
    }
    FreshnessResult f = phase.get();
    boolean met = f.keptUp() && f.freshness().p99() <= FRESHNESS_P99_AT_MAX_MS;
    return new TargetResult(
        goal,
        fmt(
            "%s: source %.0f/s, applied %.0f/s, p99 %.0f ms, %d unapplied",
            f.label(),
            f.sourcePerSecond(),
            f.appliedPerSecond(),
            f.freshness().p99(),
            f.unapplied()),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met
            ? ""
            : shortfall(f)
                + split(f)
                + cpu(f.usage())
                + (autogroup == Autogroup.ON ? AUTOGROUP_ON : ""));
  }

  /** Why a phase did not count as kept up; empty when it did. */
  static String shortfall(FreshnessResult f) {
    if (f.unapplied() > 0) {
      return fmt("%d events were still unapplied when the phase stopped waiting. ", f.unapplied());
    }
    if (f.keptUp()) {
      return "";
    }
    return fmt(
        "Nothing was left unapplied, but the applied rate was %.2f%% of the source rate, under the"
            + " %.0f%% that counts as kept up: it runs from the first event's creation to the last"
            + " event's appearance, so the phase's tail (max %.0f ms) lowers it. ",
        100 * f.appliedPerSecond() / f.sourcePerSecond(),
        100 * FreshnessResult.KEPT_UP_SHARE,
        f.freshness().max());
  }

  private static TargetResult drainRate(
      DrainResult ours, DrainResult streamsOnly, DrainResult decoding) {
    String goal = "backlog drain >= 50k events/s";
    if (ours == null) {
      return new TargetResult(goal, "not run", TargetResult.Status.NOT_MEASURED, "");
    }
    boolean met = ours.perSecond() >= DRAIN_EVENTS_PER_SECOND;
    return new TargetResult(
        goal,
        fmt(
            "%.0f events/s (%d events in %.1f s)",
            ours.perSecond(), ours.processed(), ours.seconds()),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met ? "" : decodingCeiling(decoding) + drainCause(ours, streamsOnly));
  }

  private static TargetResult drainRatio(
      DrainResult ours, DrainResult gitlab, DrainResult streamsOnly, DrainResult decoding) {
    String goal = "backlog drain >= 10x the GitLab-style worker";
    if (ours == null || gitlab == null || gitlab.perSecond() <= 0) {
      return new TargetResult(goal, "not run", TargetResult.Status.NOT_MEASURED, "");
    }
    double ratio = ours.perSecond() / gitlab.perSecond();
    boolean met = ratio >= DRAIN_RATIO_TO_GITLAB;
    return new TargetResult(
        goal,
        fmt("%.1fx (%.0f vs %.0f events/s)", ratio, ours.perSecond(), gitlab.perSecond()),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met ? "" : tenTimes(gitlab, decoding) + drainCause(ours, streamsOnly));
  }

  /**
   * Issue 20's measure: how long until every resource equals its project, which is what a user of
   * the catalog waits for, whatever each contender counts as processed on the way.
   */
  private static TargetResult convergence(DrainResult ours, DrainResult gitlab) {
    if (ours == null || gitlab == null) {
      return new TargetResult(CONVERGENCE_GOAL, "not run", TargetResult.Status.NOT_MEASURED, "");
    }
    String measured =
        fmt("catalog-sync %s, the GitLab-style worker %s", convergedIn(ours), convergedIn(gitlab));
    if (ours.converged() && gitlab.converged() && ours.convergedSeconds() > 0) {
      measured += fmt(" (%.1fx)", gitlab.convergedSeconds() / ours.convergedSeconds());
    }
    boolean met =
        ours.converged()
            && (!gitlab.converged() || ours.convergedSeconds() <= gitlab.convergedSeconds());
    if (met) {
      return new TargetResult(CONVERGENCE_GOAL, measured, TargetResult.Status.MET, "");
    }
    StringBuilder cause = new StringBuilder();
    Double caughtUp = ours.milestones().get(CatalogSyncDrain.CAUGHT_UP);
    if (caughtUp != null) {
      cause.append(
          fmt(
              "The catch-up from the database copied the resources of %.0f of the %d backlog"
                  + " events; the rest came through CDC, which delivered every event to be"
                  + " marked. ",
              caughtUp, ours.backlog()));
    }
    return new TargetResult(
        CONVERGENCE_GOAL,
        measured,
        TargetResult.Status.MISSED,
        cause.append(cpu(ours.usage())).toString());
  }

  /**
   * What the CDC path alone moves while the catch-up works the same backlog off from the database:
   * the backlog over the time until CDC had published all of it, against what PostgreSQL's decoding
   * alone delivers. The decoding limit moves with the machine from run to run (one core's speed),
   * so the share is judged within a run.
   */
  private static TargetResult throughCdc(DrainResult ours, DrainResult decoding) {
    String goal = CDC_GOAL;
    Double published = ours == null ? null : ours.milestones().get(CatalogSyncDrain.PUBLISHED);
    if (published == null || published.isNaN() || decoding == null || !decoding.finished()) {
      return new TargetResult(goal, "not run", TargetResult.Status.NOT_MEASURED, "");
    }
    double rate = ours.backlog() / published;
    double share = rate / decoding.perSecond();
    boolean met = share >= CDC_SHARE_OF_DECODING;
    return new TargetResult(
        goal,
        fmt(
            "%.2fx (CDC published the backlog at %.0f events/s, in %.1f s; decoding limit %.0f"
                + " events/s)",
            share, rate, published, decoding.perSecond()),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        met ? "" : decodingCeiling(decoding) + cpu(ours.usage()));
  }

  private static String convergedIn(DrainResult d) {
    return d.converged()
        ? fmt("%.1f s", d.convergedSeconds())
        : fmt("did not converge in %.0f s", d.seconds());
  }

  /** What PostgreSQL's own logical decoding of the backlog allows any CDC drain on this server. */
  private static String decodingCeiling(DrainResult decoding) {
    if (decoding == null || !decoding.finished()) {
      return "";
    }
    return fmt(
        "PostgreSQL alone decoded this backlog for a client that only counts at %.0f events/s"
            + " (%.2f cores, %.1f us of its CPU per event): the ceiling for any drain through CDC"
            + " here, before Debezium, Kafka or a single write. ",
        decoding.perSecond(), decoding.usage().postgresCores(), decoding.postgresMicrosPerEvent());
  }

  private static String tenTimes(DrainResult gitlab, DrainResult decoding) {
    double needed = DRAIN_RATIO_TO_GITLAB * gitlab.perSecond();
    if (decoding == null || !decoding.finished() || needed <= decoding.perSecond()) {
      return decodingCeiling(decoding);
    }
    return fmt(
        "10x the GitLab-style worker is %.0f events/s, %.1fx what PostgreSQL's own logical"
            + " decoding of this backlog delivers here (%.0f events/s to a client that only"
            + " counts): out of reach for any pipeline that reads the changes from the WAL on"
            + " this server. ",
        needed, needed / decoding.perSecond(), decoding.perSecond());
  }

  /**
   * Judged on the Zipf backlog: caught up, the app writes every tick on purpose (freshness first),
   * so repeats coalesce only when there is a backlog to coalesce. The live phases are reported too.
   */
  private static TargetResult coalescing(List<FreshnessResult> all, DrainResult zipfBacklog) {
    String goal = "<= 0.2 row writes per update on Zipf keys";
    if (zipfBacklog == null) {
      return new TargetResult(goal, "no Zipf backlog drain", TargetResult.Status.NOT_MEASURED, "");
    }
    StringBuilder measured =
        new StringBuilder(
            fmt(
                "%.2f in the Zipf backlog drain (%d events)",
                zipfBacklog.rowWritesPerEvent(), zipfBacklog.processed()));
    for (FreshnessResult f : all) {
      if (f.keys() == KeyDistribution.ZIPF) {
        measured.append(
            fmt(
                "; live at %s (%.0f updates/s, caught up): %.2f",
                f.label(), f.sourcePerSecond(), f.rowWritesPerUpdate()));
      }
    }
    boolean met =
        zipfBacklog.finished() && zipfBacklog.rowWritesPerEvent() <= ROW_WRITES_PER_UPDATE_ZIPF;
    String cause =
        met
            ? ""
            : "While more than 5 s behind, the streams app defers writes by its lag (at most"
                + " apply.max-deferral.ms), so a resource is written about once per deferral"
                + " window; a backlog drained in fewer windows coalesces more.";
    return new TargetResult(
        goal,
        measured.toString(),
        met ? TargetResult.Status.MET : TargetResult.Status.MISSED,
        cause);
  }

  /** Where CPU went, to tell a saturated machine from an idle pipeline. */
  public static String cpu(ResourceMeter.Usage u) {
    StringBuilder s =
        new StringBuilder(
            fmt(
                "CPU: PostgreSQL %.2f cores, this JVM %.2f cores (",
                u.postgresCores(), u.jvmCores()));
    boolean first = true;
    for (Map.Entry<String, Double> e : u.byComponent().entrySet()) {
      if (!first) {
        s.append(", ");
      }
      s.append(fmt("%s %.2f", e.getKey(), e.getValue()));
      first = false;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    double busy = Math.max(0, u.postgresCores()) + u.jvmCores();
    s.append(fmt(") of %d available", cores));
    double others = u.machineCores() - busy;
    if (u.machineCores() >= 0 && others > 0.1) {
      s.append(fmt("; other processes on the machine used %.2f cores", others));
    }
    if (Math.max(busy, u.machineCores()) >= 0.85 * cores) {
      s.append("; the machine is saturated: the pipeline competes with the load for CPU");
    }
    ResourceMeter.CpuWait cdc = u.cpuWait().get(ResourceMeter.CDC);
    ResourceMeter.CpuWait streams = u.cpuWait().get(ResourceMeter.STREAMS_APP);
    ResourceMeter.CpuWait walsender = u.cpuWait().get(ResourceMeter.WALSENDER);
    if (cdc != null && streams != null && walsender != null) {
      s.append(
          fmt(
              ". Runnable but waiting for a CPU, per second: PostgreSQL's walsender %.2f s"
                  + " (running %.2f s), Debezium's threads %.2f s (running %.2f s), the streams"
                  + " app's %.2f s (running %.2f s)",
              walsender.waiting(),
              walsender.running(),
              cdc.waiting(),
              cdc.running(),
              streams.waiting(),
              streams.running()));
    }
    return s.append('.').toString();
  }

  static String drainCause(DrainResult d, DrainResult streamsOnly) {
    StringBuilder s = new StringBuilder();
    Double published = d.milestones().get(CatalogSyncDrain.PUBLISHED);
    Double streaming = d.milestones().get("connector streaming");
    if (streaming != null) {
      s.append(fmt("Connector start took %.1f s. ", streaming));
    }
    Double caughtUp = d.milestones().get(CatalogSyncDrain.CAUGHT_UP);
    if (caughtUp != null && caughtUp > 0) {
      s.append(
          fmt(
              "The catch-up from the database copied the resources of %.0f of the %d events. ",
              caughtUp, d.backlog()));
    }
    if (published != null && published <= d.seconds()) {
      s.append(
          fmt(
              "CDC had published the whole backlog at %.1f s of %.1f s (%.0f events/s through"
                  + " Debezium); the rest is the streams app applying. ",
              published, d.seconds(), d.backlog() / Math.max(published, 1e-9)));
    } else if (published != null) {
      s.append(
          fmt(
              "Nothing was pending any more at %.1f s, before CDC had published the whole backlog"
                  + " (at %.1f s, %.0f events/s through Debezium). ",
              d.seconds(), published, d.backlog() / Math.max(published, 1e-9)));
    } else {
      s.append("CDC had not published the whole backlog when the drain ended. ");
    }
    if (streamsOnly != null && streamsOnly.processed() > 0) {
      double streamsCores = streamsOnly.usage().byComponent().getOrDefault("streams-app", 0.0);
      s.append(
          fmt(
              "The streams app alone, from Kafka, drained %.0f events/s using %.2f cores in its"
                  + " threads (%.3f ms of CPU per event; a whole core would give it about %.0f"
                  + " events/s). ",
              streamsOnly.perSecond(),
              streamsCores,
              streamsCores * streamsOnly.seconds() * 1000 / streamsOnly.processed(),
              streamsOnly.processed() / Math.max(1e-9, streamsCores * streamsOnly.seconds())));
    }
    return s.append(cpu(d.usage())).toString();
  }

  private static DrainResult find(List<DrainResult> drains, String name) {
    return drains.stream().filter(d -> d.contender().equals(name)).findFirst().orElse(null);
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
