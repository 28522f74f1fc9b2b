package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutogroupTest {
  @TempDir Path dir;

  private Autogroup readFrom(String content) throws IOException {
    Path sysctl = dir.resolve("sched_autogroup_enabled");
    Files.writeString(sysctl, content);
    return Autogroup.read(sysctl);
  }

  @Test
  void theKernelSettingReadsAsOnOrOff() throws IOException {
    assertThat(readFrom("1\n")).isEqualTo(Autogroup.ON);
    assertThat(readFrom("0\n")).isEqualTo(Autogroup.OFF);
  }

  @Test
  void aMissingOrStrangeSettingIsUnknownNotAnError() throws IOException {
    assertThat(Autogroup.read(dir.resolve("absent"))).isEqualTo(Autogroup.UNKNOWN);
    assertThat(readFrom("yes")).isEqualTo(Autogroup.UNKNOWN);
  }

  @Test
  void theReportSaysWhatItMeans() {
    assertThat(Autogroup.ON.describe()).contains("each PostgreSQL backend");
    assertThat(Autogroup.OFF.describe()).contains("fairly per thread");
  }
}
