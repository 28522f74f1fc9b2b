package dev.catalogsync.streams;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Decides when unwritten states are written. Caught up or only a few seconds behind (less than
 * {@link #LIVE_LAG_MILLIS}: CDC under heavy load), on every tick: freshness first. Further behind
 * the source (a backlog, a replay, a restart), writes wait up to as long as the app is behind,
 * capped at {@code maxDeferral}, so that a backlog's many changes of one resource become one row
 * write. The lag is taken by the database's clock, learnt from each write, so a skewed host clock
 * does not make the app think it is behind. Once the input pauses and the source holds nothing much
 * newer than what was consumed (the end of a backlog), nothing waits; a pause while the source is
 * still ahead is only CDC delivering in bursts.
 */
final class WritePacer {
  /**
   * Behind by less than this, the app counts as live. Under heavy load CDC alone can fall a few
   * seconds behind; deferring writes then would add to the freshness p99 instead of saving row
   * writes (docs/performance.md#coalescing-and-its-price).
   */
  static final long LIVE_LAG_MILLIS = 5_000;

  /**
   * The source counts as ahead when its newest queued event is this much newer than the newest
   * consumed: more than CDC takes to deliver a commit when it keeps up.
   */
  static final long SOURCE_AHEAD_MILLIS = 1_000;

  /** After the source was found ahead, how long before it is asked again. */
  static final long SOURCE_RECHECK_MILLIS = 500;

  /** What a tick should do with the unwritten states. */
  enum Verdict {
    /** Keep them. */
    WAIT,
    /** Write them. */
    WRITE,
    /**
     * The input paused while behind: write them, unless {@link #sourceAhead} says the source holds
     * newer events still (CDC catching up between bursts).
     */
    ASK_SOURCE
  }

  private final long maxDeferralMillis;
  private final long idleMillis;
  private long lastConsumedMillis = -1;
  private long clockOffsetMillis; // database clock minus ours
  private long lastEventTimeMillis = -1;
  private long unwrittenSinceMillis = -1;
  private long sourceAheadUntilMillis = -1;

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
    if (unwrittenSinceMillis < 0) {
      unwrittenSinceMillis = nowMillis;
    }
    lastConsumedMillis = nowMillis;
  }

  /** Something waits to be written although nothing new was consumed (marks to try again). */
  void moreToDo(long nowMillis) {
    if (unwrittenSinceMillis < 0) {
      unwrittenSinceMillis = nowMillis;
    }
  }

  /** How far behind the source the events being consumed are, by the database's clock. */
  long lagMillis(long nowMillis) {
    if (lastEventTimeMillis < 0) {
      return 0;
    }
    return Math.max(0, nowMillis + clockOffsetMillis - lastEventTimeMillis);
  }

  /**
   * How long unwritten states may still wait before they are written: the whole lag, not a share of
   * it. A resource already stale by L is then written at most about 2 L after its change (1.5 L
   * with half the lag), never more than L + maxDeferral. The whole lag coalesces a backlog more, at
   * the price of a longer tail after CDC is done (docs/performance.md#coalescing-and-its-price).
   */
  long deferralMillis(long nowMillis) {
    long lag = lagMillis(nowMillis);
    return lag < LIVE_LAG_MILLIS ? 0 : Math.min(maxDeferralMillis, lag);
  }

  /**
   * What to do with the unwritten states now.
   *
   * @param drained whether the consumer has nothing left to fetch: a pause without it is only a
   *     thread busy elsewhere (writing for another task), not the end of a backlog. Asked only for
   *     a pause while writes are deferred, so a live app (every tick writes) never pays for it.
   */
  Verdict verdict(long nowMillis, BooleanSupplier drained) {
    if (unwrittenSinceMillis < 0) {
      return Verdict.WAIT;
    }
    if (nowMillis - unwrittenSinceMillis >= deferralMillis(nowMillis)) {
      return Verdict.WRITE;
    }
    boolean paused =
        nowMillis - lastConsumedMillis >= idleMillis
            && nowMillis >= sourceAheadUntilMillis
            && drained.getAsBoolean();
    return paused ? Verdict.ASK_SOURCE : Verdict.WAIT;
  }

  /**
   * Whether the source holds events committed well after the newest consumed, so a pause of the
   * input is CDC catching up rather than the end of the backlog. Remembered for {@link
   * #SOURCE_RECHECK_MILLIS}.
   *
   * @param newestSourceMillis when the source's newest queued event was created, by the database's
   *     clock; -1 if unknown (then nothing waits for it)
   */
  boolean sourceAhead(long newestSourceMillis, long nowMillis) {
    boolean ahead =
        newestSourceMillis >= 0
            && lastEventTimeMillis >= 0
            && newestSourceMillis - lastEventTimeMillis > SOURCE_AHEAD_MILLIS;
    if (ahead) {
      sourceAheadUntilMillis = nowMillis + SOURCE_RECHECK_MILLIS;
    }
    return ahead;
  }

  /** Everything unwritten was written; databaseTimeMillis is 0 when the writer could not tell. */
  void written(long nowMillis, long databaseTimeMillis, boolean allWritten) {
    if (databaseTimeMillis > 0) {
      clockOffsetMillis = databaseTimeMillis - nowMillis;
    }
    if (allWritten) {
      unwrittenSinceMillis = -1;
    }
  }
}
