package dev.catalogsync.connector;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the replication slot's confirmed position keeps advancing. While the engine streams,
 * heartbeats hand it a record at least every heartbeat interval and the next offset flush confirms
 * it to the slot, so the position moves about that often even on a quiet queue. When it has not
 * moved for several intervals while events are pending, records may well flow and Kafka take them,
 * but the connector's progress does not reach the slot (offsets that cannot be saved, say): the
 * slot retains WAL, and a restart would stream everything since again. Decides from readings and
 * times handed in, so it is tested without a database or a clock.
 */
final class SlotProgress {
  private final String slot;
  private final Duration limit;
  private final String limitWords;
  private long confirmed = -1;
  private long sinceNanos;
  private long observedNanos;

  /**
   * @param limit how long the position may stand still; zero turns the check off
   * @param limitWords the limit as the health detail names it, e.g. "5 heartbeat intervals (50 s)"
   * @param nowNanos the monotonic time now ({@link System#nanoTime()})
   */
  SlotProgress(String slot, Duration limit, String limitWords, long nowNanos) {
    this.slot = slot;
    this.limit = limit;
    this.limitWords = limitWords;
    streamStarted(nowNanos);
  }

  /**
   * The limit of a configuration: {@code connector.stall-heartbeats} heartbeat intervals, or offset
   * flush intervals when those are longer (the slot is confirmed only at a flush); off when the
   * setting is 0 or the heartbeats are off.
   */
  static SlotProgress of(ConnectorConfig config, long nowNanos) {
    int count = config.stallHeartbeats();
    if (count == 0 || config.heartbeatsOff()) {
      return new SlotProgress(config.slot(), Duration.ZERO, "off", nowNanos);
    }
    boolean flushLonger = config.offsetFlushInterval().compareTo(config.heartbeatInterval()) > 0;
    Duration interval = flushLonger ? config.offsetFlushInterval() : config.heartbeatInterval();
    Duration limit = interval.multipliedBy(count);
    String words =
        count
            + (flushLonger ? " offset flush intervals (" : " heartbeat intervals (")
            + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms")
            + ")";
    return new SlotProgress(config.slot(), limit, words, nowNanos);
  }

  /** A new stream gets a full limit: the position it has yet to move is not its fault. */
  synchronized void streamStarted(long nowNanos) {
    confirmed = -1;
    sinceNanos = nowNanos;
    observedNanos = nowNanos;
  }

  /** A reading of the slot's confirmed position; a negative one (not read) changes nothing. */
  synchronized void observe(long confirmedLsn, long nowNanos) {
    if (confirmedLsn < 0) {
      return;
    }
    if (confirmed >= 0 && confirmedLsn != confirmed) {
      sinceNanos = nowNanos;
    }
    confirmed = confirmedLsn;
    observedNanos = nowNanos;
  }

  /**
   * How long the position stood still, as of the last reading (not now: a reading a few seconds old
   * cannot tell whether it moved since).
   */
  synchronized Duration stalledFor() {
    return Duration.ofNanos(Math.max(0, observedNanos - sinceNanos));
  }

  /**
   * Why the slot counts as stalled; empty while it advances, nothing is pending (a quiet queue
   * without heartbeat WAL is no fault), the count is unknown, or the check is off.
   *
   * @param pending the queue's pending events (see {@link PendingEvents}), asked only when the
   *     position stood still too long; -1 when not known
   */
  Optional<String> problem(LongSupplier pending) {
    Duration stalled = stalledFor();
    if (limit.isZero() || stalled.compareTo(limit) <= 0) {
      return Optional.empty();
    }
    long count = pending.getAsLong();
    if (count <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "replication slot "
            + slot
            + " has not advanced for "
            + stalled.toSeconds()
            + " s, more than "
            + limitWords
            + ", while "
            + PendingEvents.describe(count)
            + " are pending: the connector's progress does not reach the slot, which retains WAL"
            + " (offsets not saved? see the log)");
  }
}
