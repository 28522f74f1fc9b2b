package dev.catalogsync.streams;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up from the database while the stream is far behind. Through CDC every event costs its
 * decoding, Debezium, Kafka and the stream (about 150 us of CPU on two cores), while the database
 * copies a project's current row to its resource set by set for a fraction of that, and once per
 * batch however many events a resource has in it. So once {@code catchup.pending-threshold} queue
 * rows are pending, this takes the pending rows older than {@code catchup.grace.ms} in batches of
 * {@code reconcile-batch.sql} (the reconciler's: its lock, its version guard, never waiting for a
 * row lock) until none is older and fewer than the threshold are pending. CDC keeps streaming
 * meanwhile; the events it still delivers are older than the version the batches record, so they
 * cost the stream only the guard and a mark that finds its row processed.
 *
 * <p>Two conditions, so that it neither starts for the second of events live traffic keeps pending,
 * nor stops while the rows it would leave wait behind a CDC still far behind (those are older than
 * the grace, so it takes them), nor takes the rows a keeping-up stream is about to mark.
 *
 * <p>Runs on a thread of its own on every instance, never on a stream thread: a stream thread held
 * by batches would stop consuming, and the batches run one at a time across instances under the
 * reconcilers' advisory lock. Only while the flag is on.
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

  // Touched by the one thread that runs check(), and by close() once that thread has stopped.
  private boolean active;
  private long startedNanos;
  private long eventsCaughtUp;
  private long rowsWritten;

  CatchUp(
      CatchUpQueue queue,
      StreamsAppConfig.CatchUp settings,
      BooleanSupplier flagOn,
      SyncMetrics metrics) {
    this.queue = queue;
    this.settings = settings;
    this.flagOn = flagOn;
    this.metrics = metrics;
  }

  /** Starts checking every {@code catchup.check-interval.ms}; does nothing when it is off. */
  static CatchUp start(StreamsAppConfig config, BooleanSupplier flagOn) {
    CatchUp catchUp =
        new CatchUp(
            new JdbcCatchUpQueue(config.database()),
            config.catchUp(),
            flagOn,
            SyncMetrics.global());
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
      if (!active) {
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

  /** Whether it is catching up (the last check found the stream far behind). */
  boolean active() {
    return active;
  }

  private record Round(long settled, boolean lockedElsewhere) {}

  /** Batches back to back until one is not full, settles nothing, or the lock is taken. */
  private Round round() throws SQLException {
    long settled = 0;
    while (!closed && flagOn.getAsBoolean()) {
      ReconcileBatch.Result batch = queue.batch(settings.grace(), settings.batchSize());
      if (batch == null) {
        LOG.debug("catch-up: another instance holds the lock");
        return new Round(settled, true);
      }
      settled += batch.processed();
      eventsCaughtUp += batch.processed();
      rowsWritten += batch.written();
      metrics.caughtUp(batch.processed());
      // Not full: nothing older than the grace is left. Nothing settled: what is left belongs to
      // resources or projects locked right now; the next check tries again instead of spinning.
      if (batch.consumable() < settings.batchSize() || batch.processed() == 0) {
        break;
      }
    }
    return new Round(settled, false);
  }

  private void begin(long pending) {
    active = true;
    startedNanos = System.nanoTime();
    eventsCaughtUp = 0;
    rowsWritten = 0;
    metrics.catchUpActive(true);
    LOG.info(
        "catch-up started: {} or more sync events pending (catchup.pending-threshold); copying"
            + " projects' current rows for pending events older than {} ms, {} per batch, while"
            + " CDC keeps streaming",
        pending,
        settings.grace().toMillis(),
        settings.batchSize());
  }

  private void stop(String why) {
    if (!active) {
      return;
    }
    active = false;
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
    closed = true; // a round ends after its current batch
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
