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
  private static final String FETCH = "consumer-fetch-manager-metrics";
  private static final String THREAD_1 = "app-StreamThread-1-consumer";
  private static final String THREAD_2 = "app-StreamThread-2-consumer";

  @Test
  void findsTheLagGaugesOfTheTopicsPartitionsOnly() {
    Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    metrics.put(lag(THREAD_1, TOPIC, "0"), gauge(5));
    metrics.put(lag(THREAD_2, TOPIC, "0"), gauge(7));
    metrics.put(lag(THREAD_2, TOPIC, "3"), gauge(0));
    metrics.put(lag("app-restore-consumer", TOPIC, "1"), gauge(9));
    metrics.put(lag(THREAD_1, "other", "2"), gauge(9));
    metrics.put(name("records-lag-max", FETCH, THREAD_1, TOPIC, "2"), gauge(9));
    metrics.put(name("records-lag", "producer-metrics", THREAD_1, TOPIC, "2"), gauge(9));

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

  private static MetricName lag(String client, String topic, String partition) {
    return name("records-lag", FETCH, client, topic, partition);
  }

  private static MetricName name(
      String name, String group, String client, String topic, String partition) {
    return new MetricName(
        name, group, "", Map.of("client-id", client, "topic", topic, "partition", partition));
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
