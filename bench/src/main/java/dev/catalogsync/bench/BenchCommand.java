package dev.catalogsync.bench;

import dev.catalogsync.bench.report.ReportWriter;
import dev.catalogsync.bench.report.RunReport;
import dev.catalogsync.bench.report.TargetResult;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import dev.catalogsync.core.BuildVersion;
import dev.catalogsync.core.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code catalog-sync bench}: every contender on one machine, database and workload, one run. */
@Command(
    name = "bench",
    header = "Benchmark catalog-sync against its contenders.",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = {
      "Measures catalog-sync (connector + streams app, in-process, on an embedded PostgreSQL and"
          + " Kafka) against a GitLab-style worker, a per-event Kafka sink and the database's own"
          + " limit, on the same workload in one run, and writes report.md, report.json and"
          + " freshness.svg with the ratios.",
      "Numbers depend on the machine; everything shares its cores, so they are pessimistic."
    },
    footer = {
      "",
      "Examples:",
      "  catalog-sync bench --quick",
      "      Small sizes; finishes in under 4 minutes.",
      "  catalog-sync bench",
      "      The full run: 100000 projects, 1000000-event backlog.",
      "  catalog-sync bench --keys zipf --rates 500,2000,max --duration 20s --out results/zipf",
      "      Skewed keys, three offered rates of 20 s each."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--quick",
      description =
          "Small sizes (5000 projects, 50000-event backlog, 8 s phases, rates 250,1000,max);"
              + " under 4 minutes. Options given explicitly still win.")
  boolean quick;

  @Option(
      names = "--projects",
      paramLabel = "N",
      description = "Projects, each with one catalog resource (default 100000).")
  Integer projects;

  @Option(
      names = "--clients",
      paramLabel = "K",
      description = "Concurrent JDBC clients making single-row updates (default 2).")
  Integer clients;

  @Option(
      names = "--rates",
      paramLabel = "LIST",
      description =
          "Offered source rates, updates/s, comma separated; max = flat out"
              + " (default 250,1000,2500,max).")
  String rates;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      description =
          "Length of each freshness phase and source-cost run, e.g. 30s, 2m, 500ms"
              + " (default 30s).")
  String duration;

  @Option(
      names = "--keys",
      paramLabel = "uniform|zipf",
      description =
          "Key distribution of the updates (default uniform; a Zipf phase for"
              + " coalescing runs either way).")
  String keys;

  @Option(
      names = "--zipf-exponent",
      paramLabel = "S",
      description = "Skew of Zipf keys (default 1.0).")
  Double zipfExponent;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      description = "Events in the backlog every contender drains (default 1000000).")
  Long backlog;

  @Option(
      names = "--time-box",
      paramLabel = "TIME",
      description =
          "Longest a contender may drain; its rate is then what it did in that time"
              + " (default 120s).")
  String timeBox;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the report goes (default bench-results/).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the workload's random choices (default 42).")
  Long seed;

  private PrintStream progressStream = System.err;

  /** For tests: where the progress lines go. */
  BenchCommand progressTo(PrintStream stream) {
    this.progressStream = stream;
    return this;
  }

  @Override
  public Integer call() throws Exception {
    BenchOptions options;
    try {
      options = resolve();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Progress progress = new Progress(progressStream);
    progress.line(
        "catalog-sync bench: %d projects, %d clients, rates %s, %s phases, %s keys,"
            + " backlog %d",
        options.projects(),
        options.clients(),
        options.rates().stream().map(Rate::label).toList(),
        options.duration(),
        options.keys().name().toLowerCase(Locale.ROOT),
        options.backlog());
    RunReport report = new BenchRun(options, progress, commandLine()).run();
    List<Path> files = ReportWriter.write(report, options.out());
    for (TargetResult t : report.targets()) {
      progress.line("target %-62s %s", t.goal(), t.status());
    }
    for (Path f : files) {
      spec.commandLine().getOut().println(f.toAbsolutePath());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  BenchOptions resolve() {
    return new BenchOptions(
        projects != null ? projects : quick ? 5_000 : 100_000,
        clients != null ? clients : 2,
        Rate.parseList(rates != null ? rates : quick ? "250,1000,max" : "250,1000,2500,max"),
        parseDuration(duration != null ? duration : quick ? "8s" : "30s", "--duration"),
        parseKeys(keys != null ? keys : "uniform"),
        zipfExponent != null ? zipfExponent : 1.0,
        backlog != null ? backlog : quick ? 50_000 : 1_000_000,
        parseDuration(timeBox != null ? timeBox : quick ? "20s" : "120s", "--time-box"),
        out != null ? out : Path.of("bench-results"),
        seed != null ? seed : 42,
        quick);
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    // Run as a subcommand of the CLI, the original arguments start with the subcommand's name.
    if (!args.isEmpty() && args.get(0).equals(spec.name())) {
      args = args.subList(1, args.size());
    }
    return ("catalog-sync bench " + String.join(" ", args)).trim();
  }

  static KeyDistribution parseKeys(String text) {
    try {
      return KeyDistribution.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--keys must be uniform or zipf, not " + text, e);
    }
  }

  /** "30s", "2m", "500ms", or a plain number of seconds. */
  static Duration parseDuration(String text, String option) {
    try {
      return Durations.parse(text, ChronoUnit.SECONDS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " must be a time such as 30s, 2m or 500ms, not " + text, e);
    }
  }
}
