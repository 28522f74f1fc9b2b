package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The log levels the CLI ships with (tests run with their own file, so this reads the shipped one).
 */
class LoggingDefaultsTest {
  private static final String DROPPED_SAMPLES = "io.debezium.metrics.stats.MeasurementCollector";

  @Test
  void oursAtInfoLibrariesWarningsAndNoWarningPerDroppedMetricSample() throws Exception {
    Properties shipped = new Properties();
    try (Reader r =
        Files.newBufferedReader(Path.of("src/main/resources/simplelogger.properties"))) {
      shipped.load(r);
    }

    assertThat(shipped)
        .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "warn")
        .containsEntry("org.slf4j.simpleLogger.log.dev.catalogsync", "info")
        .containsEntry("org.slf4j.simpleLogger.log." + DROPPED_SAMPLES, "error");
  }

  @Test
  void theQuietedLoggerStillExistsInThisDebezium() throws ClassNotFoundException {
    // If Debezium moves the class, the setting above silently stops applying.
    assertThat(Class.forName(DROPPED_SAMPLES)).isNotNull();
  }
}
