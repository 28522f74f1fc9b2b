package dev.catalogsync.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service command of the product ({@code connector}, {@code streams}) in a JVM of its own, as
 * deployed: the jar the package phase built, a settings file, /health and /metrics on a port it
 * picks itself. Its output goes to a log file that outlives the test.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "catalog-sync.jar");
  private static final Pattern HEALTH_URL =
      Pattern.compile("(?m)^health: http://\\S+:(\\d+)/health$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String command;
  private final Process process;
  private final Path log;
  private volatile String baseUrl;

  private ServiceProcess(String command, Process process, Path log) {
    this.command = command;
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(String command, Path config, Path logDirectory) throws IOException {
    Files.createDirectories(logDirectory);
    Path log = logDirectory.resolve(command + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    // Beside the test's JVM with PostgreSQL and Kafka, two services each taking the default heap
    // (a quarter of the machine) would be more than a small CI machine has.
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                command,
                "--config",
                config.toString(),
                "--http-port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new ServiceProcess(command, process, log);
  }

  /** Ready as /health says: false while it has not started serving, or still starts. */
  boolean ready() throws IOException, InterruptedException {
    Optional<String> base = baseUrl();
    return base.isPresent() && get(base.get() + "/health").statusCode() == 200;
  }

  /** One scrape of /metrics. */
  String metrics() throws IOException, InterruptedException {
    String base =
        baseUrl().orElseThrow(() -> new IllegalStateException(command + " does not serve yet"));
    return get(base + "/metrics").body();
  }

  /** The address the service printed once it served (its --http-port 0 picks a free port). */
  private Optional<String> baseUrl() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(command + " exited: see " + log.toAbsolutePath());
    }
    if (baseUrl == null) {
      // Latin-1 reads any byte: a library's odd log line must not fail the lookup.
      Matcher m = HEALTH_URL.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
      if (m.find()) {
        // It listens on every address and names the wildcard one (0.0.0.0 or ::): ask loopback.
        baseUrl = "http://127.0.0.1:" + m.group(1);
      }
    }
    return Optional.ofNullable(baseUrl);
  }

  String command() {
    return command;
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, the service's own graceful stop; killed if it takes longer than it may. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(ServiceRunner.CLOSE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
