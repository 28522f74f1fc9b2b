package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a user sees when a command cannot do its job: one clear line and a non-zero exit. */
class CliErrorsIT {
  record Run(int exitCode, String out, String err) {}

  @Test
  void aBadJdbcUrlIsOneClearLine() {
    Run run = run("install", "--jdbc-url", "mysql://nowhere");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("error: --jdbc-url must start with jdbc:postgresql:, got mysql://nowhere");
  }

  @Test
  void anUnreachableDatabaseIsOneClearLine() {
    Run run = run("install", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void unreachableKafkaIsOneClearLine() {
    Run run = run("flag", "on", "-b", "127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot write flag").contains("127.0.0.1:1");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void anUnknownFlagValueIsAUsageError() {
    Run run = run("flag", "maybe");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("maybe").contains("on, off, status");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run run = run("--verbose", "install", "--jdbc-url", "mysql://nowhere");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("\tat ");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String command :
        new String[] {"dev", "install", "connector", "streams", "flag", "status", "backfill"}) {
      Run run = run(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Examples:");
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = CatalogSyncCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
