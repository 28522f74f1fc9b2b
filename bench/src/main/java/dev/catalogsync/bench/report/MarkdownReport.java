package dev.catalogsync.bench.report;

import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DatabaseLimit;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.PairedRatio;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.retention.RetentionReport;
import dev.catalogsync.bench.sourcecost.SourceCost;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.BulkUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report. Section titles are stable: tests and readers look for them. */
public final class MarkdownReport {
  public static final List<String> SECTIONS =
      List.of(
          "## Summary",
          "## Targets",
          "## Backlog drain: catalog-sync and the contenders",
          "## Freshness and throughput",
          "## Coalescing",
          "## Cost on the source database",
          "## CPU and memory",
          "## Environment",
          "## Method",
          RetentionReport.SECTION);

  /**
   * The parts catalog-sync's CPU per event is split into: PostgreSQL's processes, then this JVM's
   * components by thread name (the bench's own threads left out).
   */
  static final List<String> CPU_PARTS =
      List.of(
          DrainResult.POSTGRES, "connector", "kafka-broker", "streams-app", "gc", "jit", "other");

  private MarkdownReport() {}

  static String render(RunReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# catalog-sync benchmark\n\n");
    md.append("Command: `").append(r.command()).append("`  \n");
    md.append(
        f(
            "Run took %.0f s. All numbers come from this one run on this machine.%n%n",
            r.totalSeconds()));

    md.append(SECTIONS.get(0)).append("\n\n");
    md.append("| catalog-sync vs | ratio of backlog drain rates |\n|---|---|\n");
    for (DrainResult d : r.drains()) {
      if (!d.contender().startsWith(CatalogSyncDrain.NAME)) {
        md.append(f("| %s | %.2fx |%n", d.contender(), r.ratio(d.contender())));
      }
    }
    md.append("\n");
    convergenceTable(md, r);
    DrainResult streamsOnly = r.drain(StreamsOnlyDrain.NAME);
    DrainResult sink = r.drain(PerEventSink.NAME);
    if (streamsOnly != null && sink != null && sink.perSecond() > 0) {
      md.append(
          f(
              "Like for like from Kafka (both start from the backlog already in the topic, no"
                  + " CDC): streams app only / per-event sink = %.2fx (%.0f vs %.0f events/s).%n%n",
              streamsOnly.perSecond() / sink.perSecond(),
              streamsOnly.perSecond(),
              sink.perSecond()));
    }
    long met = r.targets().stream().filter(t -> t.status() == TargetResult.Status.MET).count();
    md.append(f("Targets met: %d of %d.%n%n", met, r.targets().size()));

    md.append(SECTIONS.get(1)).append("\n\n| target | measured | status |\n|---|---|---|\n");
    for (TargetResult t : r.targets()) {
      md.append("| ").append(t.goal()).append(" | ").append(t.measured()).append(" | ");
      md.append(t.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" |\n");
    }
    md.append("\n");
    for (TargetResult t : r.targets()) {
      if (t.status() == TargetResult.Status.MISSED && !t.whereTimeGoes().isEmpty()) {
        md.append("- **").append(t.goal()).append("** (missed): ").append(t.whereTimeGoes());
        md.append("\n");
      }
    }
    md.append("\n");

    md.append(SECTIONS.get(2)).append("\n\n");
    if (r.backlog() != null) {
      md.append(
          f(
              "Backlog: %d events from %d bulk statements (up to %d rows each, %s keys), made in"
                  + " %.1f s while nothing consumed the queue. Every contender got the same"
                  + " events pending and every resource out of date; time box %d s.%n%n",
              r.backlog().rows(),
              r.backlog().statements(),
              BulkUpdater.ROWS_PER_STATEMENT,
              r.options().keys().name().toLowerCase(Locale.ROOT),
              r.backlog().seconds(),
              r.options().timeBox().toSeconds()));
    }
    md.append(
        "| contender | events/s | processed | seconds | converged after s | finished | row"
            + " writes | row writes per event | CPU us per event, JVM / PostgreSQL | catalog-sync"
            + " ratio | notes |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (DrainResult d : r.drains()) {
      md.append(
          f(
              "| %s | %.0f | %d of %d | %.1f | %s | %s | %s | %s | %s / %s | %s | %s |%n",
              d.contender(),
              d.perSecond(),
              d.processed(),
              d.backlog(),
              d.seconds(),
              num(d.convergedSeconds(), "%.1f"),
              d.finished() ? "yes" : "no (time box)",
              d.rowWrites() < 0 ? "?" : Long.toString(d.rowWrites()),
              num(d.rowWritesPerEvent(), "%.2f"),
              num(d.jvmMicrosPerEvent(), "%.1f"),
              num(d.postgresMicrosPerEvent(), "%.1f"),
              d.contender().startsWith(CatalogSyncDrain.NAME)
                  ? "-"
                  : num(r.ratio(d.contender()), "%.2fx"),
              milestones(d.milestones())));
    }
    md.append(
        "\nThe database limit is row updates per second, not events: the ceiling for writing"
            + " rows one by one in large batches on this server, with nothing else to do. The"
            + " decoding limit is PostgreSQL's logical decoding of the same backlog, read as"
            + " Debezium reads it by a client that only counts: no drain through CDC can be"
            + " faster on this server, whatever comes after the slot. CPU per"
            + " event is CPU time over events processed (row updates for the limit): it moves less"
            + " with the machine's speed of the moment than events/s, and the JVM holds the broker"
            + " and the load generator too (split by thread under CPU and memory). Converged after"
            + " = from the contender's start until every resource equalled its project (looked at"
            + " every 0.1 s; n/a: not in the time box, or not what the limits do). catalog-sync's"
            + " seconds and events/s end when nothing is pending; its pipeline then goes on until"
            + " CDC has published the whole backlog and the streams app has committed past it (the"
            + " notes say when), and its CPU counts until then.\n\n");
    cpuByPart(md, r);

    md.append(SECTIONS.get(3)).append("\n\n");
    md.append("![freshness over time](freshness.svg)\n\n");
    md.append(
        "| phase | offered/s | source/s | applied/s | events | p50 ms | p95 ms | p99 ms |"
            + " max ms | unapplied | kept up |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (FreshnessResult x : r.freshness()) {
      md.append(
          f(
              "| %s | %s | %.0f | %.0f | %d | %s | %s | %s | %s | %d | %s |%n",
              x.label(),
              x.rate().flatOut() ? "flat out" : Integer.toString(x.rate().perSecond()),
              x.sourcePerSecond(),
              x.appliedPerSecond(),
              x.events(),
              num(x.freshness().p50(), "%.0f"),
              num(x.freshness().p95(), "%.0f"),
              num(x.freshness().p99(), "%.0f"),
              num(x.freshness().max(), "%.0f"),
              x.unapplied(),
              x.keptUp() ? "yes" : "no"));
    }
    md.append(
        f(
            "%nWhere the time goes (p50 / p99 ms): to Kafka = source commit until the connector"
                + " hands the event to Kafka (CDC); through Kafka = until a consumer can read it;"
                + " to row = until the row shows it (streams app: %d ms tick, batch write).%n%n",
            Method.applyTickMillis()));
    md.append("| phase | to Kafka | through Kafka | to row | total |\n|---|---|---|---|---|\n");
    for (FreshnessResult x : r.freshness()) {
      md.append(
          f(
              "| %s | %s / %s | %s / %s | %s / %s | %s / %s |%n",
              x.label(),
              num(x.toKafka().p50(), "%.0f"),
              num(x.toKafka().p99(), "%.0f"),
              num(x.throughKafka().p50(), "%.0f"),
              num(x.throughKafka().p99(), "%.0f"),
              num(x.toRow().p50(), "%.0f"),
              num(x.toRow().p99(), "%.0f"),
              num(x.freshness().p50(), "%.0f"),
              num(x.freshness().p99(), "%.0f")));
    }
    md.append(
        "\nThe streams app's write statements per phase (read back from the apply log; time ="
            + " statement start to its last row write; busy = share of the phase's wall time"
            + " spent in them, summed over the 4 tasks):\n\n");
    md.append(
        "| phase | statements | rows each | p50 ms | p99 ms | busy |\n"
            + "|---|---|---|---|---|---|\n");
    for (FreshnessResult x : r.freshness()) {
      WriteBatches w = x.writes();
      md.append(
          f(
              "| %s | %d | %.1f | %.1f | %.1f | %.0f%% |%n",
              x.label(),
              w.batches(),
              w.meanRows(),
              w.p50Ms(),
              w.p99Ms(),
              100 * w.totalMs() / 1000 / Math.max(1e-9, x.usage().seconds())));
    }
    md.append(
        "\nFreshness = first time the resource row shows the event (its sync_version reaches the"
            + " event's id, logged by a bench trigger) minus the event's created_at (the source"
            + " transaction's time; single-row autocommit, so about its commit).\n\n");

    md.append(SECTIONS.get(4))
        .append(
            "\n\n| phase | events | row writes | row writes per update"
                + " |\n|---|---|---|---|\n");
    for (FreshnessResult x : r.freshness()) {
      md.append(
          f(
              "| %s | %d | %d | %s |%n",
              x.label(), x.events(), x.rowWrites(), num(x.rowWritesPerUpdate(), "%.3f")));
    }
    DrainResult ours = r.drain(CatalogSyncDrain.NAME);
    if (ours != null) {
      md.append(
          f(
              "| backlog drain (%s) | %d | %d | %s |%n",
              r.options().keys().name().toLowerCase(Locale.ROOT),
              ours.processed(),
              ours.rowWrites(),
              num(ours.rowWritesPerEvent(), "%.3f")));
    }
    DrainResult zipf = r.drain(CatalogSyncDrain.ZIPF_NAME);
    if (zipf != null) {
      md.append(
          f(
              "| backlog drain (zipf) | %d | %d | %s |%n",
              zipf.processed(), zipf.rowWrites(), num(zipf.rowWritesPerEvent(), "%.3f")));
    }
    md.append(
        f(
            "%nCaught up, the streams app writes on every tick (freshness first), so live phases"
                + " coalesce only repeats within one %d ms tick; behind the source it defers"
                + " writes and a backlog coalesces.%n",
            Method.applyTickMillis()));
    md.append("\n");

    md.append(SECTIONS.get(5)).append("\n\n");
    md.append(
        f(
            "%d clients, flat out, single-row autocommit updates of projects, one database per"
                + " variant on the same server, before Kafka started. Each variant ran %d slices"
                + " of %.1f s, in rounds of one slice per variant, each variant twice in each"
                + " position of a round.%n%n",
            r.options().clients(),
            SourceCost.ROUNDS.length,
            r.options().duration().toMillis() / 1000.0 / SourceCost.ROUNDS.length));
    md.append(
        "| variant | updates/s | relative to no trigger | median slice | slowest - fastest slice"
            + " | PostgreSQL cores |\n"
            + "|---|---|---|---|---|---|\n");
    double base = r.sourceCost().isEmpty() ? Double.NaN : r.sourceCost().get(0).updatesPerSecond();
    for (SourceCostResult s : r.sourceCost()) {
      md.append(
          f(
              "| %s | %.0f | %.2f | %.0f | %.0f - %.0f | %.2f |%n",
              s.variant(),
              s.updatesPerSecond(),
              s.updatesPerSecond() / base,
              s.medianSliceRate(),
              s.sliceRates().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
              s.sliceRates().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
              s.usage().postgresCores()));
    }
    r.freshness().stream()
        .filter(x -> x.rate().flatOut() && x.keys() == r.options().keys())
        .findFirst()
        .ifPresent(
            x ->
                md.append(
                    f(
                        "| catalog-sync trigger with the pipeline running (freshness phase"
                            + " %s) | %.0f | %.2f | | | %.2f |%n",
                        x.label(),
                        x.sourcePerSecond(),
                        x.sourcePerSecond() / base,
                        x.usage().postgresCores())));
    md.append("\n");
    if (r.sourceCost().size() == 3) {
      SourceCostResult gitlab = r.sourceCost().get(1);
      SourceCostResult withOurs = r.sourceCost().get(2);
      PairedRatio paired = r.sourceCostPaired();
      md.append(
          f(
              "catalog-sync's trigger against GitLab's shape: %+.1f%% updates/s over all slices,"
                  + " %+.1f%% by median slice, %+.1f%% paired by round (95%% interval %+.1f%% to"
                  + " %+.1f%% over %d rounds; negative: ours costs more).%n%n",
              100 * (withOurs.updatesPerSecond() / gitlab.updatesPerSecond() - 1),
              100 * (withOurs.medianSliceRate() / gitlab.medianSliceRate() - 1),
              100 * (paired.ratio() - 1),
              100 * (paired.low() - 1),
              100 * (paired.high() - 1),
              paired.rounds()));
    }

    if (r.retention() != null) {
      md.append(RetentionReport.SECTION).append("\n\n");
      md.append(RetentionReport.markdown(r.retention(), r.options().keys(), r.freshness()));
    }

    md.append(SECTIONS.get(6)).append("\n\n");
    md.append(
        "Cores = CPU seconds per wall second. Whole machine = every process, including"
            + " anything else running on a shared machine (whole machine minus PostgreSQL minus"
            + " JVM is someone else's). The JVM holds the Kafka broker, the connector, the streams"
            + " app and the load generator; its split by thread name is approximate. GC and JIT"
            + " are HotSpot's own threads (garbage collection, including G1's concurrent"
            + " refinement, and the JIT compiler); other is what threads that ended in between"
            + " used.\n\n");
    md.append(
        "| phase | seconds | whole machine | PostgreSQL | JVM | streams-app | connector |"
            + " kafka-broker | bench | GC | JIT | other | heap MB | RSS MB | peak RSS MB |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SourceCostResult s : r.sourceCost()) {
      usageRow(md, "source: " + s.variant(), s.usage());
    }
    pipelinePhases(r).forEach(p -> usageRow(md, p.getKey(), p.getValue()));
    md.append("\n");
    cpuWaitTable(md, r);

    md.append(SECTIONS.get(7)).append("\n\n| what | value |\n|---|---|\n");
    r.environment()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\n");

    md.append(SECTIONS.get(8)).append("\n\n");
    md.append(Method.text());
    return md.toString();
  }

  /** What a user waits for after a bulk change: every resource equal to its project again. */
  private static void convergenceTable(StringBuilder md, RunReport r) {
    md.append(
        "| contender | time to convergence | backlog drain, events/s |\n" + "|---|---|---|\n");
    for (DrainResult d : r.drains()) {
      if (d.contender().equals(DatabaseLimit.NAME) || d.contender().equals(DecodingLimit.NAME)) {
        continue; // they write no project values, or nothing at all
      }
      md.append(
          f(
              "| %s | %s | %.0f |%n",
              d.contender(),
              d.converged() ? f("%.1f s", d.convergedSeconds()) : f("not in %.0f s", d.seconds()),
              d.perSecond()));
    }
    md.append(
        "\nTime to convergence: from the contender's start (connector and streams app starts"
            + " included for catalog-sync) until every resource equalled its project.\n\n");
  }

  /** catalog-sync's CPU per event, stage by stage: where each event's cost goes. */
  private static void cpuByPart(StringBuilder md, RunReport r) {
    md.append(
        "catalog-sync's CPU per backlog event by part, in us (the part's CPU over the drain /"
            + " events processed; streams-app includes its catch-up thread, connector is CDC):\n\n"
            + "| drain | PostgreSQL | connector | kafka-broker | streams-app | GC | JIT | other |"
            + " total |\n|---|---|---|---|---|---|---|---|---|\n");
    for (DrainResult d : r.drains()) {
      if (!d.contender().startsWith(CatalogSyncDrain.NAME)) {
        continue;
      }
      md.append("| ").append(d.contender());
      double total = 0;
      for (String part : CPU_PARTS) {
        double us = d.microsPerEventIn(part);
        total += Double.isFinite(us) ? us : 0;
        md.append(" | ").append(num(us, "%.1f"));
      }
      md.append(" | ").append(num(total, "%.1f")).append(" |\n");
    }
    md.append("\n");
  }

  /**
   * The kernel's scheduler statistics for the pipeline's serial stages: a stage that waits for a
   * CPU as long as it runs is starved, however little CPU it uses.
   */
  private static void cpuWaitTable(StringBuilder md, RunReport r) {
    if (r.freshness().stream().allMatch(x -> x.usage().cpuWait().isEmpty())) {
      return;
    }
    md.append(
        "Running and waiting for a CPU, in seconds per wall second summed over the threads or"
            + " processes (from /proc/.../schedstat): waiting is time runnable on a run queue"
            + " while every CPU was busy with other tasks. Debezium = its threads (the streaming"
            + " thread reads the replication stream and converts every change, one at a time);"
            + " streams app = its stream threads and the state updater; walsender = the"
            + " PostgreSQL process that decodes the WAL for Debezium.\n\n"
            + "| phase | Debezium running | Debezium waiting | streams app running | streams app"
            + " waiting | walsender running | walsender waiting |\n"
            + "|---|---|---|---|---|---|---|\n");
    pipelinePhases(r).forEach(p -> cpuWaitRow(md, p.getKey(), p.getValue()));
    md.append("\n");
  }

  /** The phases the pipeline ran in, labelled alike in every table: freshness, then drains. */
  private static List<Map.Entry<String, ResourceMeter.Usage>> pipelinePhases(RunReport r) {
    List<Map.Entry<String, ResourceMeter.Usage>> phases = new ArrayList<>();
    for (FreshnessResult x : r.freshness()) {
      phases.add(Map.entry("freshness " + x.label(), x.usage()));
    }
    if (r.retention() != null) {
      FreshnessResult verified = r.retention().verifiedFreshness().freshness();
      phases.add(
          Map.entry(
              "freshness " + verified.label() + ", continuous verification", verified.usage()));
      phases.add(Map.entry("compressed month", r.retention().month().usage()));
    }
    for (DrainResult d : r.drains()) {
      phases.add(Map.entry("drain: " + d.contender(), d.usage()));
    }
    return phases;
  }

  private static void cpuWaitRow(StringBuilder md, String phase, ResourceMeter.Usage u) {
    ResourceMeter.CpuWait cdc =
        u.cpuWait().getOrDefault(ResourceMeter.CDC, ResourceMeter.CpuWait.NONE);
    ResourceMeter.CpuWait streams =
        u.cpuWait().getOrDefault(ResourceMeter.STREAMS_APP, ResourceMeter.CpuWait.NONE);
    ResourceMeter.CpuWait pg =
        u.cpuWait().getOrDefault(ResourceMeter.WALSENDER, ResourceMeter.CpuWait.NONE);
    md.append(
        f(
            "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
            phase,
            cdc.running(),
            cdc.waiting(),
            streams.running(),
            streams.waiting(),
            pg.running(),
            pg.waiting()));
  }

  private static void usageRow(StringBuilder md, String phase, ResourceMeter.Usage u) {
    Map<String, Double> c = u.byComponent();
    md.append(
        f(
            "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f"
                + " | %.0f | %.0f | %.0f |%n",
            phase,
            u.seconds(),
            u.machineCores(),
            u.postgresCores(),
            u.jvmCores(),
            c.getOrDefault("streams-app", 0.0),
            c.getOrDefault("connector", 0.0),
            c.getOrDefault("kafka-broker", 0.0),
            c.getOrDefault("bench", 0.0),
            c.getOrDefault("gc", 0.0),
            c.getOrDefault("jit", 0.0),
            c.getOrDefault("other", 0.0),
            u.heapUsedMb(),
            u.rssMb(),
            u.peakRssMb()));
  }

  private static String milestones(Map<String, Double> m) {
    StringBuilder s = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (s.length() > 0) {
            s.append("; ");
          }
          s.append(k).append(": ");
          s.append(v == Math.rint(v) && v > 100 ? Long.toString(v.longValue()) : num(v, "%.1f"));
        });
    return s.toString();
  }

  static String num(double v, String format) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
