package dev.catalogsync.streams;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up from the database while the stream is far behind. Through CDC every event costs its
 * decoding, Debezium, Kafka and the stream, while the database copies a project's current row to
 * its resource set by set for a fraction of that, and once for all of a resource's events. So once
 * {@code catchup.pending-threshold} queue rows are pending after what it copied before, it copies
 * the projects' current rows to the resources of the pending rows older than {@code
 * catchup.grace.ms}, in windows of {@code catchup.batch-size} rows in id order ({@code
 * catchup-copy.sql}), again until none is older and fewer than the threshold are pending. Like the
 * reconciler it records the newest visible queue id as the version, never waits for a row lock, and
 * runs one statement at a time across instances under the {@link ReconcileLock}. A resource it
 * finds locked (the stream writing it, the host) is tried again for {@link #LOCKED_TRIES} rounds:
 * left to CDC at once, it waited on Zipf keys for its newest event, which CDC delivers last.
 *
 * <p>It does not mark the rows: CDC keeps streaming, and the stream marks each row when its event
 * arrives, as it does when it keeps up. Those events are older than the version, so they cost the
 * stream a guard that finds nothing to write and the mark it owes anyway. Marking them here too
 * made every row cost a second update, a lock and a probe, and slowed CDC by a quarter (issue 20's
 * drain probe, docs/performance.md). What it copied it remembers as the highest id its windows
 * reached, so neither the count nor the next round go over those rows again.
 *
 * <p>Two conditions, so that it neither starts for the second of events live traffic keeps pending,
 * nor stops while the rows it would leave wait behind a CDC still far behind (those are older than
 * the grace, so it takes them), nor takes the rows a keeping-up stream is about to write.
 *
 * <p>Runs on a thread of its own on every instance, never on a stream thread: a stream thread held
 * by its statements would stop consuming. Only while the flag is on.
 */
final class CatchUp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** Rounds a resource it could not lock is tried again before the stream is left to write it. */
  static final int LOCKED_TRIES = 3;

  /** At most this many such resources wait for another try (a host locking many projects). */
  static final int MAX_LOCKED = 100_000;

  private final CatchUpQueue queue;
  private final StreamsAppConfig.CatchUp settings;
  private final BooleanSupplier flagOn;
  private final SyncMetrics metrics;
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  // Read by the stream threads: they hold their backlog's writes while it runs.
  private final AtomicBoolean active;
  // Touched by the one thread that runs check(), and by close() once that thread has stopped.
  // The highest queue id a copy window reached on this instance: rows up to it are covered.
  private long copiedThrough;
  // Resources a window could not lock (the stream writing them, the host), by rounds tried.
  private Map<Long, Integer> locked = new HashMap<>();
  private long startedNanos;
  private long eventsCaughtUp;
  private long rowsWritten;

  CatchUp(
      CatchUpQueue queue,
      StreamsAppConfig.CatchUp settings,
      BooleanSupplier flagOn,
      SyncMetrics metrics,
      AtomicBoolean active) {
    this.queue = queue;
    this.settings = settings;
    this.flagOn = flagOn;
    this.metrics = metrics;
    this.active = active;
  }

  /**
   * Starts checking every {@code catchup.check-interval.ms}; does nothing when it is off. Sets
   * {@code active} while it catches up.
   */
  static CatchUp start(StreamsAppConfig config, BooleanSupplier flagOn, AtomicBoolean active) {
    CatchUp catchUp =
        new CatchUp(
            new JdbcCatchUpQueue(config.database()),
            config.catchUp(),
            flagOn,
            SyncMetrics.global(),
            active);
    if (!config.catchUp().enabled()) {
      LOG.info("catch-up from the database is off (catchup.enabled=false)");
      return catchUp;
    }
    // Named after the application id, as Kafka Streams names its threads.
    String name = config.applicationId() + "-catch-up";
    catchUp.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    long every = config.catchUp().checkInterval().toMillis();
    catchUp.scheduler.scheduleWithFixedDelay(catchUp::check, every, every, TimeUnit.MILLISECONDS);
    return catchUp;
  }

  /** One check and, while far behind, one round of batches. Never throws. */
  void check() {
    if (closed) {
      return;
    }
    if (!flagOn.getAsBoolean()) {
      stop("the flag is off");
      return;
    }
    try {
      int threshold = settings.pendingThreshold();
      if (!active.get()) {
        long pending = queue.pending(copiedThrough, threshold);
        if (pending < threshold) {
          return;
        }
        begin(pending);
      }
      Round round = round();
      if (round.lockedElsewhere() || round.advanced()) {
        return; // another instance is at it, or there may be more: look again next check
      }
      // Nothing older than the grace after what it copied. Still many pending there: a backlog too
      // young for the grace yet. Otherwise the stream delivers in time again.
      if (queue.pending(copiedThrough, threshold) < threshold) {
        stop("no pending event older than catchup.grace.ms is left");
      }
    } catch (SQLException | RuntimeException e) {
      queue.drop();
      LOG.warn(
          "catch-up: the database failed, trying again in {} ms: {}",
          settings.checkInterval().toMillis(),
          e.getMessage());
    }
  }

  /** What a round did: whether its windows reached past the highest id copied before. */
  private record Round(boolean advanced, boolean lockedElsewhere) {}

  /**
   * Every resource with pending events older than the grace after what was copied before gets its
   * project's current row, so the table equals the projects once the round ends, whatever the
   * number of events.
   */
  private Round round() throws SQLException {
    long before = copiedThrough;
    Map<Long, Integer> tried = locked;
    Set<Long> skipped = new HashSet<>();
    Long written =
        pass(
            copiedThrough,
            after -> {
              // The first window of a round (windows only move on) tries again what earlier
              // rounds found locked.
              Collection<Long> retry = after == before ? tried.keySet() : List.of();
              CatchUpQueue.Window w =
                  queue.copy(after, settings.grace(), settings.batchSize(), retry);
              if (w != null) {
                skipped.addAll(w.skipped());
                if (w.rows() > 0) {
                  copiedThrough = Math.max(copiedThrough, w.lastId());
                  eventsCaughtUp += w.rows();
                  metrics.caughtUp(w.rows());
                }
              }
              return w;
            });
    locked = stillLocked(tried, skipped, written != null);
    if (written == null) {
      return new Round(false, true);
    }
    rowsWritten += written;
    return new Round(copiedThrough > before || !locked.isEmpty(), false);
  }

  /**
   * What to try again next round: what this one skipped, each up to {@link #LOCKED_TRIES} rounds;
   * after a round the lock cut short, also what it did not get to try.
   */
  private Map<Long, Integer> stillLocked(
      Map<Long, Integer> tried, Set<Long> skipped, boolean roundEnded) {
    Map<Long, Integer> next = new HashMap<>();
    if (!roundEnded) {
      next.putAll(tried);
    }
    int givenUp = 0;
    for (Long id : skipped) {
      int tries = tried.getOrDefault(id, 0) + 1;
      if (tries <= LOCKED_TRIES && next.size() < MAX_LOCKED) {
        next.put(id, tries);
      } else {
        givenUp++;
      }
    }
    if (givenUp > 0) {
      LOG.info(
          "catch-up: {} resources stayed locked for {} rounds; the stream or the reconciler"
              + " writes them",
          givenUp,
          LOCKED_TRIES);
    }
    return next;
  }

  /** One window, after the highest id of the previous one. */
  @FunctionalInterface
  private interface Pass {
    CatchUpQueue.Window next(long afterId) throws SQLException;
  }

  /**
   * Windows in id order after {@code from} until one is not full (nothing older than the grace is
   * left); the resources they wrote, or null when another instance holds the lock.
   */
  private Long pass(long from, Pass pass) throws SQLException {
    long changed = 0;
    long after = from;
    while (!closed && flagOn.getAsBoolean()) {
      long started = System.nanoTime();
      CatchUpQueue.Window w = pass.next(after);
      if (w == null) {
        LOG.debug("catch-up: another instance holds the lock");
        return null;
      }
      LOG.debug(
          "catch-up: {} queue rows after id {}, {} resources written in {} ms",
          w.rows(),
          after,
          w.changed(),
          (System.nanoTime() - started) / 1_000_000);
      changed += w.changed();
      if (w.rows() < settings.batchSize()) {
        break;
      }
      after = w.lastId();
    }
    return changed;
  }

  private void begin(long pending) {
    active.set(true);
    locked = new HashMap<>();
    startedNanos = System.nanoTime();
    eventsCaughtUp = 0;
    rowsWritten = 0;
    metrics.catchUpActive(true);
    LOG.info(
        "catch-up started: {} or more sync events pending (catchup.pending-threshold); copying"
            + " projects' current rows to the resources of pending events older than {} ms, {}"
            + " queue rows per window, while CDC keeps streaming",
        pending,
        settings.grace().toMillis(),
        settings.batchSize());
  }

  private void stop(String why) {
    if (!active.get()) {
      return;
    }
    active.set(false);
    metrics.catchUpActive(false);
    LOG.info(
        "catch-up stopped after {} s, {}: {} events caught up, {} rows written",
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9),
        why,
        eventsCaughtUp,
        rowsWritten);
  }

  @Override
  public void close() {
    closed = true; // a pass ends after its current window
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          scheduler.shutdownNow();
        }
      } catch (InterruptedException e) {
        scheduler.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    stop("the app is closing");
    queue.close();
  }
}
