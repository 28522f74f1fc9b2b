package dev.catalogsync.connector;

import dev.catalogsync.core.SqlResource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches what the replication slot costs the source: the WAL it retains and whether PostgreSQL
 * still keeps that WAL for it. Says why the connector is not ready when the slot is about to be
 * invalidated, was, or retains more than {@code connector.slot-max-retained-wal-mb}, or when its
 * confirmed position stopped advancing while events are pending ({@link SlotProgress}); exports the
 * figures; and drops a lost slot before the engine starts, so Debezium creates a new one instead of
 * failing for ever. What was committed while the slot was lost never reaches Kafka, but stays
 * pending in the queue, where the streams app's reconciler finds it.
 */
final class SlotWatch {
  private static final Logger LOG = LoggerFactory.getLogger(SlotWatch.class);
  private static final String STATUS = SqlResource.load(SlotWatch.class, "slot-status.sql");
  private static final String DROP_LOST = SqlResource.load(SlotWatch.class, "slot-drop.sql");

  /** Health and metrics read the slot at most this often: each read is a query. */
  private static final Duration FRESH = Duration.ofSeconds(5);

  private static final AtomicReference<SlotWatch> CURRENT = new AtomicReference<>();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private final ConnectorConfig config;
  private final SlotProgress progress;
  private final PendingEvents pending;
  private SlotStatus last = SlotStatus.UNKNOWN;
  private long readAt;
  // The stall verdict of the reading taken at stallReadAt: it needs a count of the queue, so it is
  // judged once per reading, not on every health request.
  private Optional<String> stall = Optional.empty();
  private long stallReadAt = -1;

  SlotWatch(ConnectorConfig config) {
    this.config = config;
    this.progress = SlotProgress.of(config, System.nanoTime());
    this.pending = new PendingEvents(config);
    if (config.stallHeartbeats() > 0 && config.heartbeatsOff()) {
      LOG.warn(
          "connector.stall-heartbeats is ignored: debezium.heartbeat.interval.ms turns the"
              + " heartbeats off, and without them the slot need not advance while the queue is"
              + " quiet; health does not watch whether the slot advances");
    }
  }

  /**
   * Makes this the slot the gauges show. They are registered once per JVM and read the newest
   * watch: a connector started again (the bench, tests) would otherwise leave them on the first.
   */
  void bindTo(MeterRegistry registry) {
    CURRENT.set(this);
    if (!REGISTERED.compareAndSet(false, true)) {
      return;
    }
    Gauge.builder(
            "catalog_sync_slot_retained_wal_bytes",
            CURRENT,
            w -> bytes(w.get().status().retainedBytes()))
        .description("WAL the replication slot holds back from removal")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("catalog_sync_slot_wal_status", CURRENT, w -> w.get().status().walStatusCode())
        .description("The slot's wal_status: 0 reserved, 1 extended, 2 unreserved, 3 lost")
        .register(registry);
    Gauge.builder(
            "catalog_sync_slot_max_wal_keep_bytes", CURRENT, w -> w.get().status().maxKeepBytes())
        .description("The server's max_slot_wal_keep_size; -1 unlimited")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("catalog_sync_slot_stalled_seconds", CURRENT, w -> w.get().stalledSeconds())
        .description(
            "How long the slot's confirmed position has not advanced (since the stream started,"
                + " if later)")
        .baseUnit("seconds")
        .register(registry);
  }

  private double stalledSeconds() {
    status(); // a fresh reading moves the progress on
    return progress.stalledFor().toMillis() / 1000.0;
  }

  private static double bytes(long value) {
    return value < 0 ? Double.NaN : value;
  }

  /** The slot's standing, read again once it is older than a few seconds. */
  synchronized SlotStatus status() {
    if (System.nanoTime() - readAt > FRESH.toNanos()) {
      last = read();
      readAt = System.nanoTime();
      progress.observe(last.confirmedLsn(), readAt);
    }
    return last;
  }

  /** A replication stream became live: it gets the full limit before the slot must advance. */
  synchronized void streamStarted() {
    progress.streamStarted(System.nanoTime());
    stallReadAt = -1;
  }

  /**
   * Why the slot counts as stalled while the engine streams: its confirmed position has not
   * advanced for {@code connector.stall-heartbeats} intervals while events are pending. Empty while
   * it advances.
   */
  synchronized Optional<String> stalled() {
    status();
    if (stallReadAt != readAt) {
      stall = progress.problem(pending::count);
      stallReadAt = readAt;
    }
    return stall;
  }

  /** Why the slot makes the connector not ready; empty while it is safe. */
  Optional<String> problem() {
    SlotStatus s = status();
    if (s.lost()) {
      return Optional.of(
          "replication slot " + config.slot() + " is lost: PostgreSQL removed WAL it needed");
    }
    if ("unreserved".equals(s.walStatus())) {
      return Optional.of(
          "replication slot "
              + config.slot()
              + " is unreserved: it retains more than max_slot_wal_keep_size and will be lost"
              + " at the next checkpoint unless the connector catches up");
    }
    long limit = config.slotMaxRetainedWalMegabytes() * 1024L * 1024L;
    if (s.retainedBytes() > limit) {
      return Optional.of(
          "replication slot "
              + config.slot()
              + " retains "
              + s.retainedBytes() / (1024 * 1024)
              + " MB of WAL, more than connector.slot-max-retained-wal-mb ("
              + config.slotMaxRetainedWalMegabytes()
              + ")");
    }
    return Optional.empty();
  }

  /** Before an engine starts: a lost slot is dropped, so the engine creates a fresh one. */
  void recreateIfLost() {
    try (Connection c = SourceDatabase.connect(config, "slot-watch");
        PreparedStatement ps = c.prepareStatement(DROP_LOST)) {
      ps.setString(1, config.slot());
      ps.setString(2, config.database().database());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          LOG.warn(
              "replication slot {} was lost (PostgreSQL removed WAL past max_slot_wal_keep_size):"
                  + " dropped, the engine creates it again; what was committed meanwhile is"
                  + " pending in the queue and the streams app's reconciler applies it",
              config.slot());
          synchronized (this) {
            readAt = 0;
          }
        }
      }
    } catch (SQLException e) {
      LOG.debug("could not check the slot before starting the engine: {}", e.getMessage());
    }
  }

  private SlotStatus read() {
    try (Connection c = SourceDatabase.connect(config, "slot-watch");
        PreparedStatement ps = c.prepareStatement(STATUS)) {
      ps.setString(1, config.slot());
      ps.setString(2, config.database().database());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return SlotStatus.UNKNOWN;
        }
        long retained = rs.getLong(2);
        if (rs.wasNull()) {
          retained = -1;
        }
        long confirmed = rs.getLong(4);
        if (rs.wasNull()) {
          confirmed = -1;
        }
        return new SlotStatus(rs.getString(1), retained, rs.getLong(3), confirmed);
      }
    } catch (SQLException e) {
      LOG.debug("slot status not available: {}", e.getMessage());
      return SlotStatus.UNKNOWN;
    }
  }
}
