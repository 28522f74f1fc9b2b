package dev.catalogsync.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.core.SqlResource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it: READY, a change flows through, SIGTERM ends every process. */
class LauncherIT {
  private static final Pattern READY = Pattern.compile("^READY jdbc=(\\S+) psql=\\S+ kafka=\\S+");

  @Test
  void devModeServesWhatReadyAnnouncesAndStopsCleanlyOnSigterm(@TempDir Path data)
      throws Exception {
    int httpPort = freePort();
    Process process =
        new ProcessBuilder(
                Path.of("..", "catalog-sync").toAbsolutePath().normalize().toString(),
                "dev",
                "--data-dir",
                data.toString(),
                "--pg-port",
                Integer.toString(freePort()),
                "--kafka-port",
                Integer.toString(freePort()),
                "--http-port",
                Integer.toString(httpPort))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String jdbcUrl = awaitReady(process).get(180, TimeUnit.SECONDS);

      try (Connection db = DriverManager.getConnection(jdbcUrl)) {
        long project = firstProjectWithResource(db);
        try (PreparedStatement ps =
            db.prepareStatement(SqlResource.load(DemoScenario.class, "rename-project.sql"))) {
          ps.setString(1, "from-the-launcher-test");
          ps.setLong(2, project);
          ps.executeUpdate();
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> "from-the-launcher-test".equals(resourceName(db, project)));
      }

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = get(http, httpPort, "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"ready\":true");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get(http, httpPort, "/metrics").body())
                      .contains("catalog_sync_events_applied_total")
                      .contains("catalog_sync_freshness_seconds_bucket")
                      .containsPattern("catalog_sync_pending_events [0-9]")
                      .contains("kafka_stream")
                      .contains("debezium_streaming_connected 1.0")
                      .containsPattern("catalog_sync_slot_retained_wal_bytes [0-9]")
                      .contains("catalog_sync_slot_wal_status 0.0"));

      List<ProcessHandle> family =
          process.toHandle().descendants().collect(java.util.stream.Collectors.toList());
      family.add(process.toHandle());
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("launcher exited").isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(family).noneMatch(ProcessHandle::isAlive));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void devGetsATwoGibHeapUnlessJavaOptsNamesOneAndTheProductKeepsTheJvmDefault() throws Exception {
    String flags = "-XX:+PrintCommandLineFlags";
    assertThat(launcherOutput(flags, "dev", "--help")).contains("-XX:MaxHeapSize=2147483648");
    assertThat(launcherOutput("-Xmx512m " + flags, "dev", "--help"))
        .contains("-XX:MaxHeapSize=536870912");
    // Every product command keeps the JVM's own default.
    assertThat(maxHeap(launcherOutput(flags, "status", "--help")))
        .isEqualTo(maxHeap(output(List.of("java", flags, "-version"), null)));
  }

  private static String launcherOutput(String javaOpts, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of("..", "catalog-sync").toAbsolutePath().normalize().toString());
    command.addAll(List.of(args));
    return output(command, javaOpts);
  }

  private static String output(List<String> command, String javaOpts) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (javaOpts != null) {
      builder.environment().put("JAVA_OPTS", javaOpts);
    }
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static String maxHeap(String printedFlags) {
    Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(printedFlags);
    assertThat(m.find()).as("MaxHeapSize in %s", printedFlags).isTrue();
    return m.group(1);
  }

  private static CompletableFuture<String> awaitReady(Process process) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            BufferedReader out =
                new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
              Matcher m = READY.matcher(line);
              if (m.find()) {
                String url = m.group(1);
                // Keep draining stdout so the child never blocks on a full pipe.
                Thread drain =
                    new Thread(
                        () -> {
                          try {
                            while (out.readLine() != null) {}
                          } catch (java.io.IOException ignored) {
                            // the process ended
                          }
                        });
                drain.setDaemon(true);
                drain.start();
                return url;
              }
            }
            throw new IllegalStateException("launcher ended without READY");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static long firstProjectWithResource(Connection db) throws Exception {
    try (var s = db.createStatement();
        ResultSet rs =
            s.executeQuery(SqlResource.load(DemoScenario.class, "first-resource-project.sql"))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String resourceName(Connection db, long project) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(DemoScenario.class, "resource-name.sql"))) {
      ps.setLong(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
