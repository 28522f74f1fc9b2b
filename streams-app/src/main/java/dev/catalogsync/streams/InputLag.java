package dev.catalogsync.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How many records of a sync-events partition are still ahead of this instance's consumer, from the
 * consumer's own records-lag metric. Tells the end of a backlog (nothing left to fetch) from a
 * thread that was only busy writing. Unknown until Kafka Streams runs (and in TopologyTestDriver).
 */
final class InputLag {
  /** The lag of nothing known: every partition counts as possibly drained. */
  static final InputLag UNKNOWN = new InputLag(null);

  private static final long REFRESH_MILLIS = 100;
  private final String topic;
  private volatile KafkaStreams streams;
  private Map<Integer, Long> lagByPartition = Map.of();
  private long refreshedAt;

  InputLag(String topic) {
    this.topic = topic;
  }

  /** Called once the Kafka Streams instance exists; the topology is built before it. */
  void attach(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Records still to fetch for the partition, or empty if the consumer has not said. */
  synchronized OptionalLong of(int partition, long nowMillis) {
    if (streams == null) {
      return OptionalLong.empty();
    }
    if (nowMillis - refreshedAt >= REFRESH_MILLIS || nowMillis < refreshedAt) {
      lagByPartition = read(streams.metrics());
      refreshedAt = nowMillis;
    }
    Long lag = lagByPartition.get(partition);
    return lag == null ? OptionalLong.empty() : OptionalLong.of(lag);
  }

  private Map<Integer, Long> read(Map<MetricName, ? extends Metric> metrics) {
    Map<Integer, Long> lags = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      Map<String, String> tags = name.tags();
      String client = tags.getOrDefault("client-id", "");
      if (!"records-lag".equals(name.name())
          || !"consumer-fetch-manager-metrics".equals(name.group())
          || !topic.equals(tags.get("topic"))
          || client.contains("restore")) {
        continue;
      }
      Object value = e.getValue().metricValue();
      if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
        lags.merge(Integer.valueOf(tags.get("partition")), n.longValue(), Math::max);
      }
    }
    return lags;
  }
}
