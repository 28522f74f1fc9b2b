package dev.catalogsync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.bench.BenchOptions;
import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.DrainResult;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.contenders.StreamsOnlyDrain;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.freshness.WriteBatches;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.measure.ResourceMeter;
import dev.catalogsync.bench.sourcecost.SourceCostResult;
import dev.catalogsync.bench.workload.BulkUpdater;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.schemas.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins report.json: its field names, nesting, order and number format, on a small report with every
 * section, odd values included (a percentile of nothing, a milestone never reached, text that needs
 * escaping, empty maps and lists).
 */
class JsonReportTest {

  @Test
  void aSmallReportKeepsItsShape() throws IOException {
    assertThat(JsonReport.render(smallReport())).isEqualTo(resource("small-report.json"));
  }

  @Test
  void oddValuesStayWellFormed() throws IOException {
    JsonNode json = Json.mapper().readTree(JsonReport.render(smallReport()));

    assertThat(json.at("/environment/Java").asText())
        .isEqualTo("a \"quoted\" name\twith a tab, a back\\slash and\nmore \u0001");
    assertThat(json.at("/freshness/0/through_kafka_ms/p50").isNull()).isTrue();
    assertThat(json.at("/drains/2/milestones").isEmpty()).isTrue();
    assertThat(json.at("/freshness/1/p99_ms_per_second").isEmpty()).isTrue();
    assertThat(JsonReport.number(2.5)).hasToString("2.500");
    assertThat(JsonReport.number(0.0625)).hasToString("0.063");
    assertThat(JsonReport.number(-3)).hasToString("-3");
    assertThat(JsonReport.number(1e15)).hasToString("1000000000000000.000");
    assertThat(JsonReport.number(Double.NaN).isNull()).isTrue();
    assertThat(JsonReport.number(Double.POSITIVE_INFINITY).isNull()).isTrue();
  }

  static RunReport smallReport() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("started", "2026-01-02T03:04:05Z");
    environment.put("Java", "a \"quoted\" name\twith a tab, a back\\slash and\nmore \u0001");
    environment.put("cores", "2");
    BenchOptions options =
        new BenchOptions(
            5000,
            2,
            List.of(new Rate(250), Rate.FLAT_OUT),
            Duration.ofMillis(7500),
            KeyDistribution.UNIFORM,
            1.0,
            50_000,
            Duration.ofSeconds(20),
            Path.of("out"),
            42,
            true);
    ResourceMeter.Usage quiet =
        new ResourceMeter.Usage(2.5, 0.25, -1, -1, Map.of(), 100, 200.125, 300, Map.of());
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("streams-app", 0.3456);
    components.put("connector", 0.0);
    components.put("gc", 1e15);
    Map<String, ResourceMeter.CpuWait> waits = new LinkedHashMap<>();
    waits.put(ResourceMeter.CDC, new ResourceMeter.CpuWait(0.5, 0.0625));
    waits.put(ResourceMeter.WALSENDER, new ResourceMeter.CpuWait(1, 2));
    ResourceMeter.Usage busy =
        new ResourceMeter.Usage(8, 1.5, 0.75, 1.9999, components, 512.5, 900, 1000, waits);

    List<SourceCostResult> sourceCost =
        List.of(
            new SourceCostResult("no trigger", "bench_src_none", 3000, 6000, 2, List.of(), quiet),
            new SourceCostResult(
                "GitLab-shaped trigger",
                "bench_src_gitlab",
                2000.5,
                4001,
                2,
                List.of(2000.0, 2001.0),
                quiet),
            new SourceCostResult(
                "catalog-sync trigger",
                "bench_src_ours",
                1900.25,
                3800,
                2,
                List.of(1900.0, 1900.5),
                busy));
    FreshnessResult phase =
        new FreshnessResult(
            "250/s uniform",
            new Rate(250),
            KeyDistribution.UNIFORM,
            2000,
            249.9,
            248.1234,
            new Percentiles(2000, 12, 40.5, 81.0004, 120),
            new Percentiles(1990, 3, 5, 7, 9),
            Percentiles.EMPTY,
            new Percentiles(1990, 8, 30, 70.0006, 100),
            0,
            1800,
            new WriteBatches(160, 12.5, 1.25, 4, 210.0),
            List.of(new SvgChart.Point(0, 12.25), new SvgChart.Point(1, 80)),
            busy);
    FreshnessResult flatOut =
        new FreshnessResult(
            "max uniform",
            Rate.FLAT_OUT,
            KeyDistribution.UNIFORM,
            0,
            0,
            0,
            Percentiles.EMPTY,
            Percentiles.EMPTY,
            Percentiles.EMPTY,
            Percentiles.EMPTY,
            0,
            0,
            new WriteBatches(0, 0, 0, 0, 0),
            List.of(),
            quiet);
    Map<String, Double> milestones = new LinkedHashMap<>();
    milestones.put("connector streaming", 1.5);
    milestones.put("CDC published the whole backlog", 4.0);
    List<DrainResult> drains =
        List.of(
            new DrainResult(
                CatalogSyncDrain.NAME, 50_000, 50_000, 5, 4.5, true, 20_000, milestones, busy),
            new DrainResult(
                StreamsOnlyDrain.NAME, 50_000, 50_000, 2.5, 2.5, true, 20_000, Map.of(), busy),
            new DrainResult(
                PerEventSink.NAME, 50_000, 30_000, 20, Double.NaN, false, -1, Map.of(), quiet),
            new DrainResult(
                DecodingLimit.NAME,
                50_000,
                0,
                20,
                Double.NaN,
                false,
                0,
                Map.of("first insert", Double.NaN),
                quiet));
    List<TargetResult> targets =
        List.of(
            new TargetResult("goal one", "measured \"well\"", TargetResult.Status.MET, ""),
            new TargetResult("goal two", "n/a", TargetResult.Status.NOT_MEASURED, "because"));
    return new RunReport(
        "catalog-sync bench --quick",
        environment,
        options,
        sourceCost,
        List.of(phase, flatOut),
        new BulkUpdater.Result(50_000, 5, 3.25),
        drains,
        targets,
        123.4567);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonReportTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
