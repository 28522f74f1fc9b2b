package dev.catalogsync.cli;

import dev.catalogsync.core.Health;
import dev.catalogsync.core.SqlResource;
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
 * figures, Kafka Streams' metrics), the queue's pending count and oldest pending age, read from the
 * database at most once a second, and each component's readiness as /health reports it.
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
    return this;
  }

  /** The text of one scrape, with the readiness of {@code components} as they are now. */
  String scrape(List<Health> components) {
    readiness.update(components);
    return registry.scrape();
  }

  /** Pending count and oldest age, cached briefly so a scrape costs one query. */
  private static final class QueueFigures implements Supplier<double[]> {
    private final QueueDatabase database;
    private double[] last = {Double.NaN, Double.NaN};
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
        last = new double[] {rs.getLong(1), rs.getDouble(2)};
      } catch (SQLException e) {
        LOG.warn("cannot read the queue figures: {}", e.getMessage());
        last = new double[] {Double.NaN, Double.NaN};
      }
      return last;
    }
  }
}
