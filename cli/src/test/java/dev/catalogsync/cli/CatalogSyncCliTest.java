package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CatalogSyncCliTest {

  @Test
  void versionIsTheBuildsVersion() {
    java.io.StringWriter out = new java.io.StringWriter();
    CatalogSyncCli.commandLine().setOut(new java.io.PrintWriter(out)).execute("--version");
    assertThat(out.toString().strip()).matches("catalog-sync \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void flagAndStatusTakeKafkaClientSettingsAsKcatDoes() {
    var parsed =
        CatalogSyncCli.commandLine()
            .parseArgs(
                "flag",
                "status",
                "-b",
                "kafka:9093",
                "-X",
                "security.protocol=SASL_SSL",
                "-X",
                "sasl.jaas.config=PlainLoginModule required username=\"u\" password=\"p=q\";");
    FlagCommand flag = (FlagCommand) parsed.subcommand().commandSpec().userObject();

    assertThat(flag.kafka.bootstrapServers).isEqualTo("kafka:9093");
    assertThat(flag.kafka.clientSettings)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(
            "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p=q\";");
    assertThat(flag.kafka.clientConfig(java.util.Map.of("acks", "all")))
        .containsEntry("acks", "all")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void everyCommandsDescriptionIsOneParagraphThatFitsTheUsageWidth() {
    CommandLine cli = CatalogSyncCli.commandLine();
    for (CommandLine command : cli.getSubcommands().values()) {
      String name = command.getCommandName();
      // One element: picocli wraps it; several would each start a line, mid-sentence.
      assertThat(command.getCommandSpec().usageMessage().description()).as(name).hasSize(1);
      for (String line : command.getUsageMessage().split("\\R")) {
        assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(100);
      }
    }
  }

  @Test
  void timeOptionsTakeDurationsAsPeopleWriteThem() {
    var verify =
        CatalogSyncCli.commandLine()
            .parseArgs("verify", "--jdbc-url", "jdbc:postgresql://h/d", "--grace", "1m");
    VerifyCommand command = (VerifyCommand) verify.subcommand().commandSpec().userObject();
    assertThat(command.grace).isEqualTo(java.time.Duration.ofMinutes(1));
  }

  @Test
  void theCompletionScriptKnowsEveryCommand() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(CatalogSyncCli.commandLine().execute("completion")).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("complete -F")
        .contains("verify")
        .contains("backfill")
        .contains("--jdbc-url");
  }
}
