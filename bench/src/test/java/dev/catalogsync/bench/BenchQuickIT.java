package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.bench.contenders.CatalogSyncDrain;
import dev.catalogsync.bench.contenders.DatabaseLimit;
import dev.catalogsync.bench.contenders.DecodingLimit;
import dev.catalogsync.bench.contenders.GitLabWorker;
import dev.catalogsync.bench.contenders.PerEventSink;
import dev.catalogsync.bench.report.MarkdownReport;
import dev.catalogsync.bench.report.ReportWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole benchmark end to end, smaller than --quick so it stays under three minutes (the
 * retention phases keep their --quick sizes). Asserts only that the report is complete: numbers on
 * a shared build machine prove nothing, so none is checked.
 */
class BenchQuickIT {

  @Test
  void writesACompleteReport(@TempDir Path out) throws Exception {
    StringWriter stdout = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand().progressTo(new PrintStream(System.err)));
    cli.setOut(new PrintWriter(stdout));
    int code =
        cli.execute(
            "--quick",
            "--projects",
            "1000",
            "--rates",
            "300,max",
            "--duration",
            "3s",
            "--backlog",
            "10000",
            "--time-box",
            "10s",
            "--out",
            out.toString());
    assertThat(code).isZero();

    Path md = out.resolve(ReportWriter.MARKDOWN);
    Path json = out.resolve(ReportWriter.JSON);
    Path svg = out.resolve(ReportWriter.SVG);
    assertThat(md).exists();
    assertThat(json).exists();
    assertThat(svg).exists();
    assertThat(stdout.toString()).contains(md.toAbsolutePath().toString());

    String report = Files.readString(md);
    assertThat(report).contains(MarkdownReport.SECTIONS.toArray(String[]::new));
    for (String contender :
        new String[] {
          CatalogSyncDrain.NAME,
          GitLabWorker.NAME,
          PerEventSink.NAME,
          DatabaseLimit.NAME,
          DecodingLimit.NAME
        }) {
      assertThat(report).contains("| " + contender + " |");
    }
    assertThat(report)
        .contains("300/s uniform", "max uniform", "max zipf")
        .contains("no trigger", "GitLab-shaped trigger", "catalog-sync trigger")
        .contains("paired by round (95% interval")
        .contains("kernel autogroup scheduling")
        .contains("freshness p99 <= 250 ms at 1k updates/s", "backlog drain >= 50k events/s")
        .contains(
            "### Compressed month",
            "### Source updates during rotations",
            "### verify",
            "### Freshness at 1000/s with continuous verification")
        .contains(
            "queue size flat after the retention window",
            "source UPDATE p99 during rotations <= 2x without",
            "freshness p99 at 1k/s with continuous verification within 10% of without");

    String data = Files.readString(json);
    assertThat(data)
        .contains("\"drains\"", "\"freshness\"", "\"source_cost\"", "\"targets\"")
        .contains("\"catalog_sync_drain_ratio_to\"")
        .contains("\"source_cost_catalog_sync_to_gitlab_paired_by_round\"")
        .contains(
            "\"retention\"",
            "\"compressed_month\"",
            "\"update_latency_during_rotation\"",
            "\"verify\"",
            "\"freshness_with_continuous_verification\"")
        .contains(
            "\"" + GitLabWorker.NAME + "\"",
            "\"" + PerEventSink.NAME + "\"",
            "\"" + DatabaseLimit.NAME + "\"",
            "\"" + DecodingLimit.NAME + "\"");

    String chart = Files.readString(svg);
    assertThat(chart).startsWith("<svg").contains("<polyline").contains("max zipf p99");
  }
}
