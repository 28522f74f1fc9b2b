package dev.catalogsync.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catalogsync.bench.BenchOptions;
import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.PairedRatio;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.retention.RetentionReport;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.schemas.contract.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The machine-readable report: the same content as the Markdown, as a JSON tree. */
public final class JsonReport {
  /**
   * The layout report.json has always had, so that reports of two runs compare line by line: two
   * spaces per level, one member or element per line, "name": value, and {} or [] when empty.
   */
  private static final ObjectWriter WRITER =
      Json.mapper()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private JsonReport() {}

  static String render(RunReport r) throws JsonProcessingException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("command", r.command());
    root.set("total_seconds", number(r.totalSeconds()));
    ObjectNode environment = root.putObject("environment");
    r.environment().forEach(environment::put);
    root.set("options", options(r.options()));

    ObjectNode ratios = root.putObject("catalog_sync_drain_ratio_to");
    for (DrainResult d : r.drains()) {
      if (!d.contender().startsWith(CatalogSyncDrain.NAME)) {
        ratios.set(d.contender(), number(r.ratio(d.contender())));
      }
    }
    DrainResult streamsOnly = r.drain(StreamsOnlyDrain.NAME);
    DrainResult sink = r.drain(PerEventSink.NAME);
    if (streamsOnly != null && sink != null && sink.perSecond() > 0) {
      root.set(
          "streams_app_only_ratio_to_per_event_sink",
          number(streamsOnly.perSecond() / sink.perSecond()));
    }

    ArrayNode targets = root.putArray("targets");
    for (TargetResult t : r.targets()) {
      ObjectNode m = targets.addObject();
      m.put("goal", t.goal());
      m.put("measured", t.measured());
      m.put("status", t.status().name().toLowerCase(Locale.ROOT));
      m.put("where_time_goes", t.whereTimeGoes());
    }

    if (r.backlog() != null) {
      ObjectNode b = root.putObject("backlog");
      b.put("events", r.backlog().rows());
      b.put("statements", r.backlog().statements());
      b.set("seconds_to_create", number(r.backlog().seconds()));
    }
    ArrayNode drains = root.putArray("drains");
    for (DrainResult d : r.drains()) {
      ObjectNode m = drains.addObject();
      m.put("contender", d.contender());
      m.set("events_per_second", number(d.perSecond()));
      m.put("backlog", d.backlog());
      m.put("processed", d.processed());
      m.set("seconds", number(d.seconds()));
      m.set("converged_seconds", number(d.convergedSeconds()));
      m.put("finished", d.finished());
      m.put("row_writes", d.rowWrites());
      m.set("row_writes_per_event", number(d.rowWritesPerEvent()));
      m.set("jvm_cpu_us_per_event", number(d.jvmMicrosPerEvent()));
      m.set("postgres_cpu_us_per_event", number(d.postgresMicrosPerEvent()));
      ObjectNode parts = m.putObject("cpu_us_per_event_by_part");
      for (String part : MarkdownReport.CPU_PARTS) {
        parts.set(part, number(d.microsPerEventIn(part)));
      }
      m.set("milestones", numbers(d.milestones()));
      m.set("usage", usage(d.usage()));
    }

    ArrayNode freshness = root.putArray("freshness");
    for (FreshnessResult f : r.freshness()) {
      ObjectNode m = freshness.addObject();
      m.put("phase", f.label());
      if (f.rate().flatOut()) {
        m.put("offered_per_second", "max");
      } else {
        m.put("offered_per_second", f.rate().perSecond());
      }
      m.put("keys", f.keys().name().toLowerCase(Locale.ROOT));
      m.put("events", f.events());
      m.set("source_per_second", number(f.sourcePerSecond()));
      m.set("applied_per_second", number(f.appliedPerSecond()));
      m.put("kept_up", f.keptUp());
      m.set("freshness_ms", percentiles(f.freshness()));
      m.set("to_kafka_ms", percentiles(f.toKafka()));
      m.set("through_kafka_ms", percentiles(f.throughKafka()));
      m.set("to_row_ms", percentiles(f.toRow()));
      WriteBatches writes = f.writes();
      ObjectNode w = m.putObject("streams_write_statements");
      w.put("statements", writes.batches());
      w.set("mean_rows", number(writes.meanRows()));
      w.set("p50_ms", number(writes.p50Ms()));
      w.set("p99_ms", number(writes.p99Ms()));
      w.set("total_ms", number(writes.totalMs()));
      m.put("unapplied", f.unapplied());
      m.put("row_writes", f.rowWrites());
      m.set("row_writes_per_update", number(f.rowWritesPerUpdate()));
      ArrayNode series = m.putArray("p99_ms_per_second");
      for (SvgChart.Point pt : f.p99PerSecond()) {
        series.addArray().add(number(pt.x())).add(number(pt.y()));
      }
      m.set("usage", usage(f.usage()));
    }

    ArrayNode source = root.putArray("source_cost");
    for (SourceCostResult s : r.sourceCost()) {
      ObjectNode m = source.addObject();
      m.put("variant", s.variant());
      m.put("database", s.database());
      m.set("updates_per_second", number(s.updatesPerSecond()));
      m.put("updates", s.updates());
      m.set("seconds", number(s.seconds()));
      m.set("slice_updates_per_second", numbers(s.sliceRates()));
      m.set("median_slice_updates_per_second", number(s.medianSliceRate()));
      m.set("usage", usage(s.usage()));
    }
    PairedRatio paired = r.sourceCostPaired();
    ObjectNode p = root.putObject("source_cost_catalog_sync_to_gitlab_paired_by_round");
    p.set("ratio", number(paired.ratio()));
    p.set("low_95", number(paired.low()));
    p.set("high_95", number(paired.high()));
    p.put("rounds", paired.rounds());
    if (r.retention() != null) {
      root.set("retention", RetentionReport.json(r.retention(), r.options().keys(), r.freshness()));
    }
    return WRITER.writeValueAsString(root) + "\n";
  }

  /**
   * A measured value as the report writes it: null when there is none (NaN, such as a percentile of
   * nothing), a whole number without a fraction, any other to three decimals (rounded half up).
   */
  public static JsonNode number(double value) {
    if (!Double.isFinite(value)) {
      return NullNode.getInstance();
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return LongNode.valueOf((long) value);
    }
    return DecimalNode.valueOf(new BigDecimal(String.format(Locale.ROOT, "%.3f", value)));
  }

  private static ArrayNode numbers(List<Double> values) {
    ArrayNode a = Json.mapper().createArrayNode();
    values.forEach(v -> a.add(number(v)));
    return a;
  }

  private static ObjectNode numbers(Map<String, Double> values) {
    ObjectNode m = Json.mapper().createObjectNode();
    values.forEach((k, v) -> m.set(k, number(v)));
    return m;
  }

  private static ObjectNode options(BenchOptions o) {
    ObjectNode m = Json.mapper().createObjectNode();
    m.put("quick", o.quick());
    m.put("projects", o.projects());
    m.put("clients", o.clients());
    ArrayNode rates = m.putArray("rates");
    o.rates().stream().map(Rate::label).forEach(rates::add);
    m.set("duration_seconds", number(o.duration().toMillis() / 1000.0));
    m.put("keys", o.keys().name().toLowerCase(Locale.ROOT));
    m.set("zipf_exponent", number(o.zipfExponent()));
    m.put("backlog", o.backlog());
    m.put("time_box_seconds", o.timeBox().toSeconds());
    m.put("seed", o.seed());
    return m;
  }

  public static ObjectNode percentiles(Percentiles x) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("count", x.count());
    p.set("p50", number(x.p50()));
    p.set("p95", number(x.p95()));
    p.set("p99", number(x.p99()));
    p.set("max", number(x.max()));
    return p;
  }

  public static ObjectNode usage(ResourceMeter.Usage u) {
    ObjectNode m = Json.mapper().createObjectNode();
    m.set("seconds", number(u.seconds()));
    m.set("machine_cores", number(u.machineCores()));
    m.set("postgres_cores", number(u.postgresCores()));
    m.set("jvm_cores", number(u.jvmCores()));
    m.set("jvm_cores_by_component", numbers(u.byComponent()));
    m.set("heap_used_mb", number(u.heapUsedMb()));
    m.set("rss_mb", number(u.rssMb()));
    m.set("peak_rss_mb", number(u.peakRssMb()));
    ObjectNode waits = m.putObject("cpu_seconds_per_second_running_and_waiting");
    u.cpuWait()
        .forEach(
            (group, w) -> {
              ObjectNode x = waits.putObject(group);
              x.set("running", number(w.running()));
              x.set("waiting", number(w.waiting()));
            });
    return m;
  }
}
