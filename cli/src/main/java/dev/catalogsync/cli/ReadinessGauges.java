package dev.catalogsync.cli;

import dev.catalogsync.core.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code catalog_sync_component_ready{component="..."}}: 1 while the component is ready, 0 while
 * not, as {@code /health} says at each scrape. Prometheus cannot alert on /health's status code
 * without a prober; as a series, readiness sits beside the figures that explain it.
 */
final class ReadinessGauges {
  static final String NAME = "catalog_sync_component_ready";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> ready = new ConcurrentHashMap<>();

  ReadinessGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records each component's readiness; a component seen for the first time gets its gauge. */
  void update(List<Health> components) {
    for (Health health : components) {
      ready.computeIfAbsent(health.component(), this::register).set(health.ready() ? 1 : 0);
    }
  }

  private AtomicInteger register(String component) {
    AtomicInteger value = new AtomicInteger();
    Gauge.builder(NAME, value, AtomicInteger::get)
        .tag("component", component)
        .description("1 while the component is ready (GET /health), 0 while it is not")
        .register(registry);
    return value;
  }
}
