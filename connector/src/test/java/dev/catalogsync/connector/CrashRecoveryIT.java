package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.testing.DemoTables;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ConnectorMain as its own process, as operators run it: killed, restarted, told to stop. */
@ExtendWith(RealStack.class)
class CrashRecoveryIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void aKilledConnectorLosesNothingAfterItsRestart(
      TestDatabase database, KafkaBroker kafka, @TempDir Path dir) throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));
    Path configFile = writeProperties(dir.resolve("connector.properties"), values);
    SlotProbe slot = new SlotProbe(config);

    try (DemoTables demo = DemoTables.install(database);
        TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
      demo.projectsWithResources(200, "crash-");

      Process first = startConnector(configFile, dir.resolve("first.log"));
      CompletableFuture<Void> writer;
      try {
        await().atMost(PATIENCE).until(slot::streaming);
        // Updates keep coming while the connector dies: some before, some during, some after.
        writer =
            CompletableFuture.runAsync(
                () -> {
                  try (DemoTables updates = DemoTables.connect(database)) {
                    for (int round = 1; round <= 10; round++) {
                      updates.exec("UPDATE projects SET name = name || '-" + round + "'");
                    }
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        await().atMost(PATIENCE).until(() -> !topic.poll().isEmpty());
      } finally {
        first.destroyForcibly(); // SIGKILL: no offset flush, no goodbye to the slot
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      writer.get(60, TimeUnit.SECONDS);
      demo.exec("UPDATE projects SET description = 'while dead'");

      Process second = startConnector(configFile, dir.resolve("second.log"));
      try {
        await().atMost(PATIENCE).until(slot::streaming);
        demo.exec("UPDATE projects SET visibility_level = 10");

        Set<Long> updates = new HashSet<>(demo.eventIds());
        updates.removeIf(id -> id <= 200); // creation events predate the slot
        assertThat(updates).hasSize(12 * 200);
        await()
            .atMost(PATIENCE)
            .until(() -> ConnectorIT.eventIds(topic.poll()).containsAll(updates));
        LOG.info(
            "{} records on the topic for {} distinct events (duplicates are replays after the kill)",
            topic.poll().size(),
            ConnectorIT.eventIds(topic.poll()).size());
      } finally {
        second.destroy(); // SIGTERM: the shutdown hook closes it gracefully
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.readString(dir.resolve("second.log")))
          .contains("ConnectorService - stopped");
      Slots.drop(demo.connection(), config.slot());
    }
  }

  @Test
  void aBadSettingExitsWithCode2AndOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path configFile =
        writeProperties(
            dir.resolve("bad.properties"),
            Map.of(
                "database.url",
                "jdbc:postgresql://127.0.0.1:5432/db?user=u",
                "topic.partitions",
                "many"));
    Path stderr = dir.resolve("stderr.log");
    Process process = startConnector(configFile, stderr);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    List<String> lines = Files.readAllLines(stderr);
    assertThat(lines)
        .containsExactly(
            "catalog-sync connector: invalid setting topic.partitions (CATALOG_SYNC_TOPIC_PARTITIONS):"
                + " must be a whole number above 0, got 'many'");
  }

  private static Process startConnector(Path configFile, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ConnectorMain.class.getName(),
            "--config",
            configFile.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("CATALOG_SYNC_"));
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  private static Path writeProperties(Path file, Map<String, String> values) throws IOException {
    Properties properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "written by CrashRecoveryIT");
    }
    return file;
  }
}
