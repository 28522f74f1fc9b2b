package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./catalog-sync bench} as a user runs it: the bench's own jar, with its heap. */
class BenchLauncherIT {

  @Test
  void benchGetsATwoGibHeapUnlessJavaOptsNamesOne() throws Exception {
    String flags = "-XX:+PrintCommandLineFlags";
    assertThat(launch(flags)).contains("-XX:MaxHeapSize=2147483648").contains("--quick");
    assertThat(launch("-Xmx512m " + flags)).contains("-XX:MaxHeapSize=536870912");
  }

  /** {@code bench --help} through the launcher; returns what it printed. */
  private static String launch(String javaOpts) throws Exception {
    String launcher = Path.of("..", "catalog-sync").toAbsolutePath().normalize().toString();
    ProcessBuilder builder =
        new ProcessBuilder(launcher, "bench", "--help").redirectErrorStream(true);
    builder.environment().put("JAVA_OPTS", javaOpts);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
