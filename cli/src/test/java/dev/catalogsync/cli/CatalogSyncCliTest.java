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
  void anErrorLineAddsTheRootCauseWhenItSaysMore() {
    Exception wrapped =
        new IllegalStateException(
            "Failed to create new KafkaAdminClient",
            new RuntimeException(
                "outer", new IllegalArgumentException("bad timeout\nsecond line")));
    assertThat(CatalogSyncCli.oneLine(wrapped))
        .isEqualTo("Failed to create new KafkaAdminClient: bad timeout second line");
  }

  @Test
  void anErrorLineDoesNotRepeatItself() {
    Exception same = new IllegalStateException("cannot connect: refused", new Exception("refused"));
    assertThat(CatalogSyncCli.oneLine(same)).isEqualTo("cannot connect: refused");
    assertThat(CatalogSyncCli.oneLine(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
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
