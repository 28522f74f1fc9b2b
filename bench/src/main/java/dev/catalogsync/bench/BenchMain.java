package dev.catalogsync.bench;

import picocli.CommandLine;

/**
 * Runs {@code catalog-sync bench}: the launcher starts this jar, so neither the product nor the dev
 * mode carries the benchmark. Also runnable by hand: {@code java -jar
 * bench/target/catalog-sync-bench.jar --quick}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    int code =
        new CommandLine(new BenchCommand())
            .setCommandName("catalog-sync bench")
            .setUsageHelpWidth(100)
            .execute(args);
    // Kafka and Debezium leave non-daemon threads behind in some failure paths; the run is over.
    System.exit(code);
  }
}
