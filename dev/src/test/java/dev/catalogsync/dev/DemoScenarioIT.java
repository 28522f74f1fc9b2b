package dev.catalogsync.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.cli.CatalogSyncCli;
import dev.catalogsync.cli.FlagClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's seed check, in-process on the whole embedded pipeline, with its three outcomes. */
class DemoScenarioIT {

  /** Starts with the flag off, as an earlier session in the same data/dev may have left it. */
  @Test
  void theThreeChecksHoldEvenWithTheFlagLeftOff(@TempDir Path data) throws Exception {
    Duration interval = Duration.ofSeconds(3);
    try (DevStack stack =
        DevStack.start(new DevStack.Options(data, 0, 0, interval, Duration.ofSeconds(1)))) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      FlagClient flags =
          new FlagClient(
              stack.bootstrapServers(), Map.of(), stack.settings().string("topic.flags"));
      stack.awaitReady(Duration.ofSeconds(60));
      flags.set(stack.settings().string("flag.name"), false, "an earlier session");

      DemoScenario.Outcome outcome =
          new DemoScenario(
                  stack.jdbcUrl(),
                  flags,
                  stack.settings().string("flag.name"),
                  Duration.ofSeconds(60),
                  new PrintStream(printed, true, StandardCharsets.UTF_8))
              .run();

      String text = printed.toString(StandardCharsets.UTF_8);
      assertThat(text)
          .contains(
              "demo: the flag ci_process_catalog_resource_sync_events is off (set ",
              " by an earlier session); turning it on, the demo needs it on");
      assertThat(text).contains("(1) update through the normal path visible");
      assertThat(text).contains("(2) reconciled after");
      assertThat(text).contains("(3) flag on: applied after");
      assertThat(outcome.fastPathMillis()).isNotNegative();

      assertThat(cli("status", "--jdbc-url", stack.jdbcUrl(), "-b", stack.bootstrapServers()))
          .contains("pending events:")
          .contains("consumer lag:")
          .contains("ci_process_catalog_resource_sync_events: on");
      assertThat(cli("flag", "status", "-b", stack.bootstrapServers()))
          .startsWith("ci_process_catalog_resource_sync_events on");
    }
  }

  /** Runs a CLI command in-process; returns its stdout, failing on a non-zero exit. */
  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(CatalogSyncCli.commandLine().execute(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
