package dev.catalogsync.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.catalogsync.core.Health;
import dev.catalogsync.schemas.contract.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 when every component is ready, 503 otherwise, with each component's
 * state in JSON so an operator sees why. {@code GET /metrics}: Prometheus text, with the same
 * readiness as a gauge per component.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  public static HealthServer start(
      String host, int port, Supplier<List<Health>> health, MetricsEndpoint metrics) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      server.createContext("/health", exchange -> respond(exchange, health.get()));
      server.createContext(
          "/metrics", exchange -> respondMetrics(exchange, metrics.scrape(health.get())));
      server.start();
      return new HealthServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve /health on " + host + ":" + port, e);
    }
  }

  public String url() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort() + "/health";
  }

  private static void respond(HttpExchange exchange, List<Health> components) throws IOException {
    boolean ready = components.stream().allMatch(Health::ready);
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("ready", ready, "components", components));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void respondMetrics(HttpExchange exchange, String metrics) throws IOException {
    byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
