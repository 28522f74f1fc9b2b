package dev.catalogsync.cli;

import dev.catalogsync.core.Health;
import dev.catalogsync.core.SqlResource;
import dev.catalogsync.streams.queue.QueueSize;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus text for {@code GET /metrics}: everything in Micrometer's global registry (the sync
 * figures, Kafka Streams' metrics), the queue's pending count, oldest pending age, partitions, rows
 * and bytes, read from the database at most once a second, and each component's readiness as
 * /health reports it.
 */
public final class MetricsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final Duration CACHE = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  // In this endpoint's registry only: several endpoints in one JVM (tests) serve different health.
  private final ReadinessGauges readiness;

  private MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.readiness = new ReadinessGauges(registry);
  }

  /** Opens a connection to the database that holds the queue. */
  public interface QueueDatabase {
    Connection connect() throws SQLException;
  }

  /**
   * Exports the global registry. Call it before starting the services: meters recorded before the
   * Prometheus registry joins the global one would be missed.
   */
  public static MetricsEndpoint create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
    return new MetricsEndpoint(registry);
  }

  /** Adds the queue's pending count and oldest pending age, read from this database. */
  public MetricsEndpoint watchQueue(QueueDatabase database) {
    QueueFigures figures = new QueueFigures(database);
    // Gauges hold their state weakly and nothing else references the figures: hold them strongly.
    Gauge.builder("catalog_sync_pending_events", figures, f -> f.get()[0])
        .strongReference(true)
        .description("Sync events with status pending")
        .register(Metrics.globalRegistry);
    Gauge.builder("catalog_sync_oldest_pending_age_seconds", figures, f -> f.get()[1])
        .strongReference(true)
        .description("Age of the oldest pending sync event")
        .register(Metrics.globalRegistry);
    for (String state : new String[] {"attached", "detached"}) {
      int index = state.equals("attached") ? 2 : 3;
      Gauge.builder("catalog_sync_queue_partitions", figures, f -> f.get()[index])
          .strongReference(true)
          .tag("state", state)
          .description(
              "Queue partitions: attached (spare, active, retired) or detached, not dropped")
          .register(Metrics.globalRegistry);
    }
    Gauge.builder("catalog_sync_queue_oldest_partition_age_seconds", figures, f -> f.get()[4])
        .strongReference(true)
        .description("Since the oldest queue partition still kept was created")
        .register(Metrics.globalRegistry);
    Gauge.builder("catalog_sync_queue_rows", figures, f -> f.get()[5])
        .strongReference(true)
        .description("Rows in every queue partition still kept (the planner's estimate)")
        .register(Metrics.globalRegistry);
    Gauge.builder("catalog_sync_queue_bytes", figures, f -> f.get()[6])
        .strongReference(true)
        .description("Bytes on disk of every queue partition still kept, with indexes")
        .register(Metrics.globalRegistry);
    return this;
  }

  /** The text of one scrape, with the readiness of {@code components} as they are now. */
  String scrape(List<Health> components) {
    readiness.update(components);
    return registry.scrape();
  }

  /** The queue's figures, cached briefly so a scrape costs two queries. */
  private static final class QueueFigures implements Supplier<double[]> {
    private static final double NA = Double.NaN;
    private static final double[] UNKNOWN = {NA, NA, NA, NA, NA, NA, NA};

    private final QueueDatabase database;
    private double[] last = UNKNOWN;
    private long readAt;

    QueueFigures(QueueDatabase database) {
      this.database = database;
    }

    @Override
    public synchronized double[] get() {
      if (System.nanoTime() - readAt < CACHE.toNanos()) {
        return last;
      }
      readAt = System.nanoTime();
      try (Connection c = database.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(SqlResource.load(MetricsEndpoint.class, "pending-status.sql"))) {
        rs.next();
        double pending = rs.getLong(1);
        double oldestPending = rs.getDouble(2);
        QueueSize size = QueueSize.read(c);
        last =
            new double[] {
              pending,
              oldestPending,
              size.attachedPartitions(),
              size.detachedPartitions(),
              size.oldestPartitionAgeMillis() / 1000.0,
              size.rowsEstimate(),
              size.bytes()
            };
      } catch (SQLException e) {
        LOG.warn("cannot read the queue figures: {}", e.getMessage());
        last = UNKNOWN;
      }
      return last;
    }
  }
}
