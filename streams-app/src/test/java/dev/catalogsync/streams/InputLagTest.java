package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class InputLagTest {
  private static final String TOPIC = "catalog-sync.sync-events";

  @Test
  void findsTheLagGaugesOfTheTopicsPartitionsOnly() {
    Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    add(
        metrics,
        "records-lag",
        "consumer-fetch-manager-metrics",
        "app-StreamThread-1-consumer",
        TOPIC,
        "0",
        5);
    add(
        metrics,
        "records-lag",
        "consumer-fetch-manager-metrics",
        "app-StreamThread-2-consumer",
        TOPIC,
        "0",
        7);
    add(
        metrics,
        "records-lag",
        "consumer-fetch-manager-metrics",
        "app-StreamThread-2-consumer",
        TOPIC,
        "3",
        0);
    add(
        metrics,
        "records-lag",
        "consumer-fetch-manager-metrics",
        "app-restore-consumer",
        TOPIC,
        "1",
        9);
    add(
        metrics,
        "records-lag",
        "consumer-fetch-manager-metrics",
        "app-StreamThread-1-consumer",
        "other",
        "2",
        9);
    add(
        metrics,
        "records-lag-max",
        "consumer-fetch-manager-metrics",
        "app-StreamThread-1-consumer",
        TOPIC,
        "2",
        9);
    add(metrics, "records-lag", "producer-metrics", "app-StreamThread-1-producer", TOPIC, "2", 9);

    Map<Integer, List<Metric>> gauges = InputLag.lagGauges(metrics, TOPIC);

    assertThat(gauges).containsOnlyKeys(0, 3);
    assertThat(InputLag.lag(gauges.get(0))).isEqualTo(OptionalLong.of(7)); // moving: two gauges
    assertThat(InputLag.lag(gauges.get(3))).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void aGaugeWithoutAValueSaysNothing() {
    assertThat(InputLag.lag(List.of(gauge(Double.NaN)))).isEmpty();
    assertThat(InputLag.lag(List.of())).isEmpty();
    assertThat(InputLag.UNKNOWN.of(0, 1_000)).isEmpty();
  }

  private static void add(
      Map<MetricName, Metric> metrics,
      String name,
      String group,
      String client,
      String topic,
      String partition,
      double value) {
    MetricName metricName =
        new MetricName(
            name, group, "", Map.of("client-id", client, "topic", topic, "partition", partition));
    metrics.put(metricName, gauge(value));
  }

  private static Metric gauge(double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return new MetricName("records-lag", "g", "", Map.of());
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
