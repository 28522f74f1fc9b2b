package dev.catalogsync.bench.report;

import dev.catalogsync.bench.BenchOptions;
import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.PairedRatio;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.Rate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable report: the same content as the Markdown, as a JSON tree. */
final class JsonReport {
  private JsonReport() {}

  static String render(RunReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", r.command());
    root.put("total_seconds", r.totalSeconds());
    root.put("environment", r.environment());
    root.put("options", options(r.options()));

    Map<String, Object> ratios = new LinkedHashMap<>();
    for (DrainResult d : r.drains()) {
      if (!d.contender().startsWith(CatalogSyncDrain.NAME)) {
        ratios.put(d.contender(), r.ratio(d.contender()));
      }
    }
    root.put("catalog_sync_drain_ratio_to", ratios);
    DrainResult streamsOnly = r.drain(StreamsOnlyDrain.NAME);
    DrainResult sink = r.drain(PerEventSink.NAME);
    if (streamsOnly != null && sink != null && sink.perSecond() > 0) {
      root.put(
          "streams_app_only_ratio_to_per_event_sink", streamsOnly.perSecond() / sink.perSecond());
    }

    List<Object> targets = new ArrayList<>();
    for (TargetResult t : r.targets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("goal", t.goal());
      m.put("measured", t.measured());
      m.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
      m.put("where_time_goes", t.whereTimeGoes());
      targets.add(m);
    }
    root.put("targets", targets);

    if (r.backlog() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("events", r.backlog().rows());
      b.put("statements", r.backlog().statements());
      b.put("seconds_to_create", r.backlog().seconds());
      root.put("backlog", b);
    }
    List<Object> drains = new ArrayList<>();
    for (DrainResult d : r.drains()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("contender", d.contender());
      m.put("events_per_second", d.perSecond());
      m.put("backlog", d.backlog());
      m.put("processed", d.processed());
      m.put("seconds", d.seconds());
      m.put("finished", d.finished());
      m.put("row_writes", d.rowWrites());
      m.put("row_writes_per_event", d.rowWritesPerEvent());
      m.put("jvm_cpu_us_per_event", d.jvmMicrosPerEvent());
      m.put("postgres_cpu_us_per_event", d.postgresMicrosPerEvent());
      m.put("milestones", d.milestones());
      m.put("usage", usage(d.usage()));
      drains.add(m);
    }
    root.put("drains", drains);

    List<Object> freshness = new ArrayList<>();
    for (FreshnessResult f : r.freshness()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("phase", f.label());
      m.put("offered_per_second", f.rate().flatOut() ? "max" : f.rate().perSecond());
      m.put("keys", f.keys().name().toLowerCase(java.util.Locale.ROOT));
      m.put("events", f.events());
      m.put("source_per_second", f.sourcePerSecond());
      m.put("applied_per_second", f.appliedPerSecond());
      m.put("kept_up", f.keptUp());
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("count", f.freshness().count());
      p.put("p50", f.freshness().p50());
      p.put("p95", f.freshness().p95());
      p.put("p99", f.freshness().p99());
      p.put("max", f.freshness().max());
      m.put("freshness_ms", p);
      m.put("to_kafka_ms", percentiles(f.toKafka()));
      m.put("through_kafka_ms", percentiles(f.throughKafka()));
      m.put("to_row_ms", percentiles(f.toRow()));
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("statements", f.writes().batches());
      w.put("mean_rows", f.writes().meanRows());
      w.put("p50_ms", f.writes().p50Ms());
      w.put("p99_ms", f.writes().p99Ms());
      w.put("total_ms", f.writes().totalMs());
      m.put("streams_write_statements", w);
      m.put("unapplied", f.unapplied());
      m.put("row_writes", f.rowWrites());
      m.put("row_writes_per_update", f.rowWritesPerUpdate());
      List<Object> series = new ArrayList<>();
      for (SvgChart.Point pt : f.p99PerSecond()) {
        series.add(List.of(pt.x(), pt.y()));
      }
      m.put("p99_ms_per_second", series);
      m.put("usage", usage(f.usage()));
      freshness.add(m);
    }
    root.put("freshness", freshness);

    List<Object> source = new ArrayList<>();
    for (SourceCostResult s : r.sourceCost()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("variant", s.variant());
      m.put("database", s.database());
      m.put("updates_per_second", s.updatesPerSecond());
      m.put("updates", s.updates());
      m.put("seconds", s.seconds());
      m.put("slice_updates_per_second", s.sliceRates());
      m.put("median_slice_updates_per_second", s.medianSliceRate());
      m.put("usage", usage(s.usage()));
      source.add(m);
    }
    root.put("source_cost", source);
    PairedRatio paired = r.sourceCostPaired();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ratio", paired.ratio());
    p.put("low_95", paired.low());
    p.put("high_95", paired.high());
    p.put("rounds", paired.rounds());
    root.put("source_cost_catalog_sync_to_gitlab_paired_by_round", p);
    return JsonWriter.write(root);
  }

  private static Map<String, Object> options(BenchOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quick", o.quick());
    m.put("projects", o.projects());
    m.put("clients", o.clients());
    m.put("rates", o.rates().stream().map(Rate::label).toList());
    m.put("duration_seconds", o.duration().toMillis() / 1000.0);
    m.put("keys", o.keys().name().toLowerCase(java.util.Locale.ROOT));
    m.put("zipf_exponent", o.zipfExponent());
    m.put("backlog", o.backlog());
    m.put("time_box_seconds", o.timeBox().toSeconds());
    m.put("seed", o.seed());
    return m;
  }

  private static Map<String, Object> percentiles(Percentiles x) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", x.count());
    p.put("p50", x.p50());
    p.put("p95", x.p95());
    p.put("p99", x.p99());
    p.put("max", x.max());
    return p;
  }

  private static Map<String, Object> usage(ResourceMeter.Usage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", u.seconds());
    m.put("machine_cores", u.machineCores());
    m.put("postgres_cores", u.postgresCores());
    m.put("jvm_cores", u.jvmCores());
    m.put("jvm_cores_by_component", u.byComponent());
    m.put("heap_used_mb", u.heapUsedMb());
    m.put("rss_mb", u.rssMb());
    m.put("peak_rss_mb", u.peakRssMb());
    Map<String, Object> waits = new LinkedHashMap<>();
    u.cpuWait()
        .forEach(
            (group, w) -> {
              Map<String, Object> x = new LinkedHashMap<>();
              x.put("running", w.running());
              x.put("waiting", w.waiting());
              waits.put(group, x);
            });
    m.put("cpu_seconds_per_second_running_and_waiting", waits);
    return m;
  }
}
