package dev.catalogsync.bench.report;

import dev.catalogsync.bench.freshness.FreshnessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes report.md, report.json and freshness.svg into the output directory. */
public final class ReportWriter {
  public static final String MARKDOWN = "report.md";
  public static final String JSON = "report.json";
  public static final String SVG = "freshness.svg";

  private ReportWriter() {}

  public static List<Path> write(RunReport report, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path md = directory.resolve(MARKDOWN);
    Path json = directory.resolve(JSON);
    Path svg = directory.resolve(SVG);
    Files.writeString(md, MarkdownReport.render(report));
    Files.writeString(json, JsonReport.render(report));
    Files.writeString(svg, chart(report));
    return List.of(md, json, svg);
  }

  static String chart(RunReport report) {
    List<SvgChart.Series> series = new ArrayList<>();
    for (FreshnessResult f : report.freshness()) {
      series.add(new SvgChart.Series(f.label() + " p99", f.p99PerSecond()));
    }
    return SvgChart.render(
        "Freshness p99 per second, by offered rate",
        "seconds since the phase began",
        "freshness p99 (ms)",
        series);
  }
}
