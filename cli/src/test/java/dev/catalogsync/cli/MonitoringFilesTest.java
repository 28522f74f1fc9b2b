package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What promtool does not check: the dashboard imports into any Grafana with any Prometheus data
 * source, and every alert has a promtool test. Whether the series exist: {@link MonitoringIT}.
 */
class MonitoringFilesTest {

  @Test
  void everyQueryOfTheDashboardAsksTheDataSourceChosenOnImport() throws Exception {
    JsonNode dashboard = MonitoringFiles.dashboard();
    JsonNode variable = dashboard.path("templating").path("list").get(0);
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    String chosen = "${" + variable.path("name").asText() + "}";

    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel).isTrue();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(chosen);
      assertThat(panel.path("targets")).as(title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(chosen);
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
      }
    }
    assertThat(MonitoringFiles.dashboardExpressions()).hasSizeGreaterThan(10);
  }

  @Test
  void everyAlertHasAPromtoolTest() throws Exception {
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : MonitoringFiles.rules().path("groups")) {
      group.path("rules").forEach(rule -> alerts.add(rule.path("alert").asText()));
    }
    Set<String> tested = new HashSet<>();
    for (JsonNode test : MonitoringFiles.ruleTests().path("tests")) {
      for (JsonNode alertTest : test.path("alert_rule_test")) {
        if (!alertTest.path("exp_alerts").isEmpty()) {
          tested.add(alertTest.path("alertname").asText());
        }
      }
    }
    assertThat(alerts).isNotEmpty();
    assertThat(tested).as("alerts a test expects to fire").containsAll(alerts);
  }
}
