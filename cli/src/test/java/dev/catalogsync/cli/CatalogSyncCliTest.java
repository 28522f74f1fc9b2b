package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
