package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectorMainTest {

  @Test
  void theConfigFileIsOptionalInBothSpellings() {
    assertThat(ConnectorMain.configFile(new String[0])).isNull();
    assertThat(ConnectorMain.configFile(new String[] {"--config", "a.properties"}))
        .isEqualTo(Path.of("a.properties"));
    assertThat(ConnectorMain.configFile(new String[] {"--config=b.properties"}))
        .isEqualTo(Path.of("b.properties"));
  }

  @Test
  void anythingElseIsRejectedWithUsage() {
    assertThatThrownBy(() -> ConnectorMain.configFile(new String[] {"--verbose"}))
        .hasMessageContaining("unexpected argument '--verbose'")
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> ConnectorMain.configFile(new String[] {"--config"}))
        .hasMessageContaining("unexpected argument '--config'");
  }
}
