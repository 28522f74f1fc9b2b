package dev.catalogsync.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /**
   * How often the metrics are searched again for the partitions' lag gauges, which come and go with
   * the assignment. Searching copies every metric of every client of the instance (thousands), too
   * dear to do on every tick (docs/performance.md#kafka-streams-settings). In between, the gauges
   * found are read.
   */
  static final long RESCAN_MILLIS = 5_000;

  /** A partition with no gauge yet is searched for again after this long. */
  static final long MISSING_RESCAN_MILLIS = 100;

  private final String topic;
  private volatile KafkaStreams streams;
  private Map<Integer, List<Metric>> gauges = Map.of();
  private long scannedAt;
  private boolean scanned;

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
    long sinceScan = nowMillis - scannedAt;
    boolean missing = !gauges.containsKey(partition);
    if (!scanned
        || sinceScan < 0
        || sinceScan >= RESCAN_MILLIS
        || (missing && sinceScan >= MISSING_RESCAN_MILLIS)) {
      gauges = lagGauges(streams.metrics(), topic);
      scannedAt = nowMillis;
      scanned = true;
    }
    return lag(gauges.getOrDefault(partition, List.of()));
  }

  /** The records-lag gauges of the topic's partitions (restore consumers excluded). */
  static Map<Integer, List<Metric>> lagGauges(
      Map<MetricName, ? extends Metric> metrics, String topic) {
    Map<Integer, List<Metric>> found = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      Map<String, String> tags = name.tags();
      String client = tags.getOrDefault("client-id", "");
      if (!"records-lag".equals(name.name())
          || !"consumer-fetch-manager-metrics".equals(name.group())
          || !topic.equals(tags.get("topic"))
          || client.contains("restore")
          || tags.get("partition") == null) {
        continue;
      }
      found
          .computeIfAbsent(Integer.valueOf(tags.get("partition")), p -> new ArrayList<>())
          .add(e.getValue());
    }
    return found;
  }

  /** The largest lag any gauge reports (a partition moving between threads has two). */
  static OptionalLong lag(List<Metric> partitionGauges) {
    long max = -1;
    for (Metric gauge : partitionGauges) {
      if (gauge.metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
        max = Math.max(max, n.longValue());
      }
    }
    return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
  }
}
