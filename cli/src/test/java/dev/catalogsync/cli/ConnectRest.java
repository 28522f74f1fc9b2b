package dev.catalogsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.schemas.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The calls a user makes to a Connect worker's REST API, over real HTTP. */
record ConnectRest(URI url) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: its status code and body. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  /** Whether the worker has joined its group and serves requests (KIP-1017's endpoint). */
  boolean healthy() {
    return send(request("/health").GET()).status() == 200;
  }

  /** {@code POST /connectors} with a connector's JSON (name and config). */
  Response create(String connectorJson) {
    return send(
        request("/connectors")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(connectorJson)));
  }

  /**
   * Whether the connector and every one of its tasks (at least one) are RUNNING.
   *
   * @throws AssertionError with the worker's stack trace when the connector or a task FAILED, which
   *     no waiting mends
   */
  boolean running(String connector) {
    Response r = send(request("/connectors/" + connector + "/status").GET());
    if (r.status() != 200) {
      return false;
    }
    JsonNode status = r.json();
    boolean running = "RUNNING".equals(state(status.path("connector")));
    JsonNode tasks = status.path("tasks");
    for (JsonNode task : tasks) {
      running &= "RUNNING".equals(state(task));
    }
    return running && !tasks.isEmpty();
  }

  private static String state(JsonNode status) {
    String state = status.path("state").asText();
    if ("FAILED".equals(state)) {
      throw new AssertionError("FAILED on the Connect worker: " + status.path("trace").asText());
    }
    return state;
  }

  Response delete(String connector) {
    return send(request("/connectors/" + connector).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30));
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
