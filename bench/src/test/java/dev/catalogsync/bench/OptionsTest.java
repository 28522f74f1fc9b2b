package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.bench.workload.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionsTest {

  @Test
  void ratesParseInOrderWithFlatOut() {
    assertThat(Rate.parseList("250, 1000,max"))
        .containsExactly(new Rate(250), new Rate(1000), Rate.FLAT_OUT);
    assertThatThrownBy(() -> Rate.parseList("fast")).hasMessageContaining("not a rate");
    assertThatThrownBy(() -> Rate.parseList("0")).hasMessageContaining("above 0");
  }

  @Test
  void durationsAcceptUnits() {
    assertThat(BenchCommand.parseDuration("30s", "--d")).isEqualTo(Duration.ofSeconds(30));
    assertThat(BenchCommand.parseDuration("2m", "--d")).isEqualTo(Duration.ofMinutes(2));
    assertThat(BenchCommand.parseDuration("500ms", "--d")).isEqualTo(Duration.ofMillis(500));
    assertThat(BenchCommand.parseDuration("1.5", "--d")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> BenchCommand.parseDuration("soon", "--d")).hasMessageContaining("--d");
  }

  @Test
  void quickDefaultsYieldToExplicitOptions() {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs("--quick", "--projects", "777", "--keys", "zipf");
    BenchOptions o = command.resolve();
    assertThat(o.quick()).isTrue();
    assertThat(o.projects()).isEqualTo(777);
    assertThat(o.backlog()).isEqualTo(50_000);
    assertThat(o.keys()).isEqualTo(KeyDistribution.ZIPF);

    BenchCommand full = new BenchCommand();
    new CommandLine(full).parseArgs();
    assertThat(full.resolve().projects()).isEqualTo(100_000);
    assertThat(full.resolve().backlog()).isEqualTo(1_000_000);
    assertThat(full.resolve().clients()).isEqualTo(2);
  }

  @Test
  void helpHasExamples() {
    String usage = new CommandLine(new BenchCommand()).getUsageMessage();
    assertThat(usage).contains("Examples:").contains("--quick").contains("--backlog");
  }
}
