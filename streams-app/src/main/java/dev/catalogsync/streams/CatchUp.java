package dev.catalogsync.streams;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up from the database while the stream is far behind. Through CDC every event costs its
 * decoding, Debezium, Kafka and the stream (about 150 us of CPU on two cores), while the database
 * copies a project's current row to its resource set by set for a fraction of that, and once for
 * all of a resource's events. So once {@code catchup.pending-threshold} queue rows are pending, it
 * works off the pending rows older than {@code catchup.grace.ms} in two passes of windows of {@code
 * catchup.batch-size} rows: the first copies their resources' projects ({@code catchup-copy.sql}),
 * the second marks the rows those resources now cover ({@code catchup-mark.sql}); again until none
 * is older and fewer than the threshold are pending. Like the reconciler it records the newest
 * visible queue id as the version, never waits for a row lock, and runs one statement at a time
 * across instances under the {@link ReconcileLock}. CDC keeps streaming meanwhile; the events it
 * still delivers are older than that version, so they cost the stream only the guard and a mark
 * that finds its row processed (and stream threads hold their writes of such events meanwhile).
 *
 * <p>Two conditions, so that it neither starts for the second of events live traffic keeps pending,
 * nor stops while the rows it would leave wait behind a CDC still far behind (those are older than
 * the grace, so it takes them), nor takes the rows a keeping-up stream is about to mark.
 *
 * <p>Runs on a thread of its own on every instance, never on a stream thread: a stream thread held
 * by its statements would stop consuming. Only while the flag is on.
 */
final class CatchUp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final CatchUpQueue queue;
  private final StreamsAppConfig.CatchUp settings;
  private final BooleanSupplier flagOn;
  private final SyncMetrics metrics;
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  // Read by the stream threads: they hold their backlog's writes while it runs.
  private final AtomicBoolean active;
  // Touched by the one thread that runs check(), and by close() once that thread has stopped.
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
        long pending = queue.pending(threshold);
        if (pending < threshold) {
          return;
        }
        begin(pending);
      }
      Round round = round();
      if (round.lockedElsewhere() || round.settled() > 0) {
        return; // another instance is at it, or there may be more: look again next check
      }
      // Nothing older than the grace that could be settled. Still many pending: a backlog too young
      // for the grace yet. Otherwise the stream delivers in time again.
      if (queue.pending(threshold) < threshold) {
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

  private record Round(long settled, boolean lockedElsewhere) {}

  /**
   * First every resource with pending events older than the grace gets its project's current row,
   * so the table equals the projects once that pass ends, whatever the number of events; then the
   * queue rows those resources now cover are marked processed. Copying in the marking pass instead
   * would leave the last resources stale until the last window, as in a pass by event.
   */
  private Round round() throws SQLException {
    Long written = pass("copy", after -> queue.copy(after, settings.grace(), settings.batchSize()));
    if (written == null) {
      return new Round(0, true);
    }
    rowsWritten += written;
    Long marked =
        pass(
            "mark",
            after -> {
              CatchUpQueue.Window w = queue.mark(after, settings.grace(), settings.batchSize());
              if (w != null) {
                metrics.caughtUp(w.changed());
              }
              return w;
            });
    if (marked == null) {
      return new Round(0, true);
    }
    eventsCaughtUp += marked;
    return new Round(marked, false);
  }

  /** One window of a pass, after the highest id of the previous one. */
  @FunctionalInterface
  private interface Pass {
    CatchUpQueue.Window next(long afterId) throws SQLException;
  }

  /**
   * Windows in id order until one is not full (nothing older than the grace is left); what they
   * changed, or null when another instance holds the lock.
   */
  private Long pass(String what, Pass pass) throws SQLException {
    long changed = 0;
    long after = 0;
    while (!closed && flagOn.getAsBoolean()) {
      long started = System.nanoTime();
      CatchUpQueue.Window w = pass.next(after);
      if (w == null) {
        LOG.debug("catch-up: another instance holds the lock");
        return null;
      }
      LOG.debug(
          "catch-up {}: {} queue rows after id {}, {} changed in {} ms",
          what,
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
