package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.core.Settings;
import dev.catalogsync.streams.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml must only use variables that override a real setting, or they do nothing. */
class DeploymentFilesTest {

  @Test
  void composeVariablesNameRealSettings() throws Exception {
    String compose = Files.readString(Path.of("..", "docker-compose.yml"));
    Set<String> known = new TreeSet<>();
    for (String defaults :
        new String[] {ConnectorConfig.DEFAULTS_RESOURCE, StreamsAppConfig.DEFAULTS_RESOURCE}) {
      Settings.load(defaults, null, Map.of()).asMap().keySet().stream()
          .map(Settings::envName)
          .forEach(known::add);
    }
    Matcher m = Pattern.compile("(CATALOG_SYNC_[A-Z0-9_]+)\\s*:").matcher(compose);
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).isNotEmpty();
    assertThat(known).containsAll(used);
  }
}
