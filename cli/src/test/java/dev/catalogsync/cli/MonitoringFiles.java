package dev.catalogsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.catalogsync.schemas.contract.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The shipped Grafana dashboard and Prometheus rules (monitoring/), and the series they read. */
final class MonitoringFiles {
  static final Path DIRECTORY = Path.of("..", "monitoring");
  static final Path DASHBOARD = DIRECTORY.resolve("grafana-dashboard.json");
  static final Path RULES = DIRECTORY.resolve("prometheus-rules.yml");
  static final Path RULE_TESTS = DIRECTORY.resolve("prometheus-rules.test.yml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MonitoringFiles() {}

  static JsonNode dashboard() throws IOException {
    return Json.mapper().readTree(DASHBOARD.toFile());
  }

  static JsonNode rules() throws IOException {
    return YAML.readTree(RULES.toFile());
  }

  /** The promtool unit tests of the rules. */
  static JsonNode ruleTests() throws IOException {
    return YAML.readTree(RULE_TESTS.toFile());
  }

  /** Every query of the dashboard: each {@code expr}, however deep (panels, rows, variables). */
  static List<String> dashboardExpressions() throws IOException {
    List<String> found = new ArrayList<>();
    collectExpr(dashboard(), found);
    return found;
  }

  /** Every rule's {@code expr}, alerting and recording. */
  static List<String> ruleExpressions() throws IOException {
    List<String> found = new ArrayList<>();
    for (JsonNode group : rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        found.add(rule.path("expr").asText());
      }
    }
    return found;
  }

  /** The series names both files' expressions select. */
  static Set<String> seriesNames() throws IOException {
    Set<String> names = new TreeSet<>();
    dashboardExpressions().forEach(e -> names.addAll(PromQlNames.in(e)));
    ruleExpressions().forEach(e -> names.addAll(PromQlNames.in(e)));
    return names;
  }

  private static void collectExpr(JsonNode node, List<String> found) {
    if (node.isObject() && node.path("expr").isTextual()) {
      found.add(node.get("expr").asText());
    }
    node.forEach(child -> collectExpr(child, found));
  }
}
