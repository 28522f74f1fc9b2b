package dev.catalogsync.streams;

import java.time.Duration;

/**
 * Decides when waiting states are written. Caught up (less than {@link #LIVE_LAG_MILLIS} behind),
 * on every tick: freshness first. Behind the source (processing events committed a while ago),
 * writes wait up to a quarter of that lag, capped at {@code maxDeferral}, so that a backlog's many
 * changes of one resource become one row write. The lag is taken by the database's clock, learnt
 * from each write, so a skewed host clock does not make the app think it is behind. Once the input
 * pauses (the end of a backlog), nothing waits.
 */
final class WritePacer {
  /** Share of the lag that writes may wait: a resource already stale by L gets at most 1.25 L. */
  static final int LAG_SHARE_DIVISOR = 4;

  /**
   * Behind by less than this, the app counts as live: CDC alone takes a few hundred ms under load.
   */
  static final long LIVE_LAG_MILLIS = 1_000;

  private final long maxDeferralMillis;
  private final long idleMillis;
  private long lastConsumedMillis = -1;
  private long clockOffsetMillis; // database clock minus ours
  private long lastEventTimeMillis = -1;
  private long waitingSinceMillis = -1;

  /**
   * @param maxDeferral longest a write may wait
   * @param idle a pause of the input this long means the backlog is worked off
   */
  WritePacer(Duration maxDeferral, Duration idle) {
    this.maxDeferralMillis = maxDeferral.toMillis();
    this.idleMillis = idle.toMillis();
  }

  /** An event was consumed; its source time (database clock, epoch ms) or -1 if unknown. */
  void consumed(long eventTimeMillis, long nowMillis) {
    if (eventTimeMillis >= 0) {
      lastEventTimeMillis = eventTimeMillis;
    }
    if (waitingSinceMillis < 0) {
      waitingSinceMillis = nowMillis;
    }
    lastConsumedMillis = nowMillis;
  }

  /** How far behind the source the events being consumed are, by the database's clock. */
  long lagMillis(long nowMillis) {
    if (lastEventTimeMillis < 0) {
      return 0;
    }
    return Math.max(0, nowMillis + clockOffsetMillis - lastEventTimeMillis);
  }

  /** How long waiting states may still wait before they are written. */
  long deferralMillis(long nowMillis) {
    long lag = lagMillis(nowMillis);
    return lag < LIVE_LAG_MILLIS ? 0 : Math.min(maxDeferralMillis, lag / LAG_SHARE_DIVISOR);
  }

  /**
   * Whether the states waiting now are due for a write.
   *
   * @param drained whether the consumer has nothing left to fetch: a pause without it is only a
   *     thread busy elsewhere (writing for another task), not the end of a backlog
   */
  boolean due(long nowMillis, boolean drained) {
    if (waitingSinceMillis < 0) {
      return false;
    }
    return (drained && nowMillis - lastConsumedMillis >= idleMillis)
        || nowMillis - waitingSinceMillis >= deferralMillis(nowMillis);
  }

  /** Everything waiting was written; databaseTimeMillis is 0 when the writer could not tell. */
  void written(long nowMillis, long databaseTimeMillis, boolean allWritten) {
    if (databaseTimeMillis > 0) {
      clockOffsetMillis = databaseTimeMillis - nowMillis;
    }
    if (allWritten) {
      waitingSinceMillis = -1;
    }
  }
}
