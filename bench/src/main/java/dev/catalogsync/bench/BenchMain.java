package dev.catalogsync.bench;

import picocli.CommandLine;

/** Runs the benchmark without the catalog-sync launcher: {@code java ... BenchMain --quick}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    int code = new CommandLine(new BenchCommand()).execute(args);
    // Kafka and Debezium leave non-daemon threads behind in some failure paths; the run is over.
    System.exit(code);
  }
}
