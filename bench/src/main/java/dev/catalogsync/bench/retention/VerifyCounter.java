package dev.catalogsync.bench.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How many resources the streams app's continuous verification compared: its own counter, which it
 * registers in Micrometer's global registry. That registry holds no registry of its own in the
 * bench, so its meters count nothing; this adds one that keeps that counter and nothing else (every
 * other meter is a no-op in it), for the whole run, so that every phase runs with the same meters.
 */
public final class VerifyCounter {
  private static final String CHECKED = "catalog_sync_verify_checked";
  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
  private static boolean installed;

  static {
    REGISTRY.config().meterFilter(MeterFilter.acceptNameStartsWith(CHECKED));
    REGISTRY.config().meterFilter(MeterFilter.deny());
  }

  private VerifyCounter() {}

  /** Before the streams app first starts: added later, Micrometer warns that it missed meters. */
  public static synchronized void install() {
    if (!installed) {
      Metrics.globalRegistry.add(REGISTRY);
      installed = true;
    }
  }

  /** Resources compared since the streams app first started in this JVM. */
  static double checked() {
    Counter c = REGISTRY.find(CHECKED).counter();
    return c == null ? 0 : c.count();
  }
}
