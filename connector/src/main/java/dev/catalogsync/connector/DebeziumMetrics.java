package dev.catalogsync.connector;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Bridges Debezium's streaming metrics (published as JMX MBeans) to Micrometer. The gauges look the
 * MBean up on every read, because the engine registers it only once streaming starts and again
 * after each restart; while there is none they read NaN.
 */
final class DebeziumMetrics {
  private static final String PATTERN =
      "debezium.postgres:type=connector-metrics,context=streaming,*";

  /** Debezium attribute -> exported gauge name. */
  private static final List<String[]> ATTRIBUTES =
      List.of(
          new String[] {
            "MilliSecondsBehindSource", "debezium_streaming_milliseconds_behind_source"
          },
          new String[] {
            "MilliSecondsSinceLastEvent", "debezium_streaming_milliseconds_since_last_event"
          },
          new String[] {"TotalNumberOfEventsSeen", "debezium_streaming_events_seen"},
          new String[] {"NumberOfEventsFiltered", "debezium_streaming_events_filtered"},
          new String[] {"QueueRemainingCapacity", "debezium_streaming_queue_remaining_capacity"},
          new String[] {"Connected", "debezium_streaming_connected"});

  private DebeziumMetrics() {}

  static void bindTo(MeterRegistry registry) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (String[] attribute : ATTRIBUTES) {
      Gauge.builder(attribute[1], server, s -> read(s, attribute[0]))
          .description("Debezium streaming metric " + attribute[0])
          .register(registry);
    }
  }

  private static double read(MBeanServer server, String attribute) {
    try {
      Set<ObjectName> names = server.queryNames(new ObjectName(PATTERN), null);
      if (names.isEmpty()) {
        return Double.NaN;
      }
      Object value = server.getAttribute(names.iterator().next(), attribute);
      if (value instanceof Number number) {
        return number.doubleValue();
      }
      if (value instanceof Boolean bool) {
        return bool ? 1 : 0;
      }
      return Double.NaN;
    } catch (JMException e) {
      return Double.NaN;
    }
  }
}
