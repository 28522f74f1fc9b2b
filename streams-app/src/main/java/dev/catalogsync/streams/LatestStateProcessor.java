package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest state per resource and writes it in coalesced, guarded batches on a short
 * wall-clock tick; while the app is behind the source, writes wait a little longer (see {@link
 * WritePacer}) so a backlog coalesces. Writes only while the flag is on; when the database fails
 * the state stays, consumption goes on and writes resume after a backoff. Nothing the database does
 * can fail the stream thread.
 */
final class LatestStateProcessor implements Processor<Long, SyncEvent, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(LatestStateProcessor.class);

  /** Longest a tick keeps writing batches, so a huge backlog cannot stall polling. */
  static final Duration MAX_APPLY_TIME_PER_TICK = Duration.ofSeconds(5);

  /**
   * Most queue-row ids kept for marking (8 bytes each). Only reached while the flag stays off under
   * heavy traffic; the ids are then dropped and the reconciler marks those rows once the flag is
   * on.
   */
  static final long MAX_UNMARKED_IDS = 5_000_000;

  private final StreamsAppConfig config;
  private final Supplier<SyncWriter> writers;
  private final Supplier<Reconciler> reconcilers;
  private final InputLag inputLag;
  private final BooleanSupplier catchingUp;

  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Long, ResourceState> store;
  private FlagGate flag;
  private SyncWriter writer;
  private Reconciler reconciler;
  private VerifyRunner verifier;
  private RotationRunner rotation;
  private WriteRetry retry;
  private WritePacer pacer;
  // States not written yet, in arrival order: exactly what the changelogged store holds, rebuilt
  // from it at init, so an event needs no store read (with JSON serde, a read cost as much as the
  // rest of the event's handling).
  private final Map<Long, ResourceState> unwritten = new LinkedHashMap<>();
  private final PendingMarks marks = new PendingMarks();

  LatestStateProcessor(
      StreamsAppConfig config,
      Supplier<SyncWriter> writers,
      Supplier<Reconciler> reconcilers,
      InputLag inputLag,
      BooleanSupplier catchingUp) {
    this.config = config;
    this.inputLag = inputLag;
    this.catchingUp = catchingUp;
    this.writers = writers;
    this.reconcilers = reconcilers;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(SyncTopology.STATE_STORE);
    ReadOnlyKeyValueStore<String, byte[]> flags = context.getStateStore(SyncTopology.FLAG_STORE);
    this.flag = new FlagGate(flags, config.flag());
    this.writer = writers.get();
    this.retry = new WriteRetry(config.apply().retryBackoff());
    // Two ticks without input: the partition may be drained; the queue then tells whether CDC is
    // still catching up (see due).
    this.pacer =
        new WritePacer(config.apply().maxDeferral(), config.apply().interval().multipliedBy(2));
    // Kafka Streams may initialise this instance again (a revived task): what it held in memory
    // belongs to the store it had then. The store is the truth; the marks go to the reconciler.
    unwritten.clear();
    marks.clear();
    try (KeyValueIterator<Long, ResourceState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Long, ResourceState> entry = all.next();
        // Earlier builds kept written states too; nothing reads them, the next event replaces them.
        if (entry.value.unwritten()) {
          unwritten.put(entry.key, entry.value);
        }
      }
    }
    if (!unwritten.isEmpty()) {
      LOG.info("task {}: {} resources with unwritten state", context.taskId(), unwritten.size());
      pacer.consumed(-1, context.currentSystemTimeMs());
    }
    context.schedule(
        config.apply().interval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> writeUnwritten(now, false));
    // One reconciler per application is enough: the task of partition 0 exists exactly once across
    // all instances. The advisory lock covers the short overlap of a rebalance.
    if (context.taskId().partition() == 0) {
      this.reconciler = reconcilers.get();
      if (config.queue().rotate()) {
        this.rotation = new RotationRunner(config.database(), config.queue());
      }
      context.schedule(
          config.reconcile().interval(), PunctuationType.WALL_CLOCK_TIME, now -> reconcile());
      if (config.verify().enabled()) {
        this.verifier = new VerifyRunner(config.database(), config.verify(), SyncMetrics.global());
        context.schedule(
            config.verify().interval(), PunctuationType.WALL_CLOCK_TIME, now -> verify());
      }
    }
  }

  @Override
  public void process(Record<Long, SyncEvent> record) {
    long key = record.key();
    SyncEvent event = record.value();
    long now = context.currentSystemTimeMs();
    pacer.consumed(sourceTime(event), now);
    ResourceState known = unwritten.get(key);
    if (known == null || known.supersededBy(event)) {
      // Once written, a resource's state leaves the store, so an event older than the row (a
      // replay, a late commit) is written again: the version guard makes that write a no-op.
      ResourceState next = new ResourceState(event, 0);
      store.put(key, next);
      unwritten.put(key, next);
    }
    marks.add(key, event.id()); // by the resource's next write, even if it carries a newer state
    if (marks.size() > MAX_UNMARKED_IDS) {
      LOG.warn(
          "{} consumed queue rows wait to be marked processed (flag off?); leaving them to the"
              + " reconciler",
          marks.size());
      marks.clear();
    }
    if (unwritten.size() >= config.apply().maxUnwrittenResources()) {
      writeUnwritten(now, true);
    }
  }

  /**
   * When the event's change was committed at the source, by the database's clock; -1 if unknown.
   */
  private static long sourceTime(SyncEvent event) {
    if (event.sourceCommittedAt() != null) {
      return event.sourceCommittedAt().toEpochMilli();
    }
    return event.createdAt() == null ? -1 : event.createdAt().toEpochMilli();
  }

  private void writeUnwritten(long now, boolean force) {
    if (unwritten.isEmpty() && !marks.hasRetries()) {
      return;
    }
    if (!retry.ready(now) || !flag.enabled() || !(force || due(now))) {
      return;
    }
    long started = System.nanoTime();
    boolean withRetries = true;
    do {
      List<Long> keys = nextKeys();
      List<StateWrite> states = new ArrayList<>(keys.size());
      for (Long key : keys) {
        states.add(unwritten.get(key).toWrite());
      }
      ApplyResult result;
      try {
        result = writer.apply(states, marks.idsFor(keys, withRetries));
      } catch (SQLException | RuntimeException e) {
        long wait = retry.failed(now);
        LOG.warn(
            "writing {} resource states failed, keeping them and retrying in {} ms: {}",
            states.size(),
            wait,
            e.getMessage());
        return;
      }
      int failuresBefore = retry.succeeded();
      if (failuresBefore > 0) {
        LOG.info("database writes recovered after {} failed attempts", failuresBefore);
      }
      int givenUp = marks.marked(keys, withRetries, result.notVisible(), now);
      if (givenUp > 0) {
        LOG.warn(
            "{} queue rows stayed invisible to this app's database connection for {} ms after"
                + " their events were applied; leaving them to the reconciler",
            givenUp,
            PendingMarks.NOT_VISIBLE_RETRY_MILLIS);
      }
      withRetries = false;
      int notCreatedYet = 0;
      for (Long key : keys) {
        if (createdByInvisibleCommit(key, result)) {
          notCreatedYet++; // stays unwritten, and in the store, for the next tick
          continue;
        }
        unwritten.remove(key);
        store.put(key, null); // a delete; delete() would read and deserialize the old value
      }
      pacer.written(now, result.databaseTimeMillis(), unwritten.isEmpty());
      if (marks.hasRetries()) {
        pacer.moreToDo(now); // ids to mark again: the next tick does, even with no new input
      }
      LOG.debug(
          "applied {} states: {} rows written, {} events processed",
          result.statesSent(),
          result.rowsWritten(),
          result.eventsProcessed());
      if (notCreatedYet > 0) {
        break; // they would come first again in this tick; the next tick tries them
      }
    } while (!unwritten.isEmpty()
        && System.nanoTime() - started < MAX_APPLY_TIME_PER_TICK.toNanos());
  }

  /**
   * Whether a state's write matched no row because the transaction that created its resource is not
   * visible yet (its commit reached CDC first). Writing it again once visible is what keeps the row
   * from holding the host's values; after {@link PendingMarks#NOT_VISIBLE_RETRY_MILLIS} it is given
   * up, and its queue row, still pending, goes to the reconciler.
   */
  private boolean createdByInvisibleCommit(long key, ApplyResult result) {
    return result.notVisibleResources().contains(key)
        && marks.retrying(unwritten.get(key).latest().id());
  }

  private boolean due(long now) {
    // While the catch-up copies the backlog from the database, the states this task consumed from
    // it (older than the catch-up's grace) are written there already or soon, with newer values:
    // writing them too would only contend with it for the same rows. Once CDC delivers within the
    // grace again the task writes (guarded, what the catch-up covered changes nothing), and the
    // catch-up sees the stream keep up.
    if (catchingUp.getAsBoolean() && pacer.lagMillis(now) > config.catchUp().grace().toMillis()) {
      return false;
    }
    return switch (pacer.verdict(now, () -> drained(now))) {
      case WAIT -> false;
      case WRITE -> true;
      case ASK_SOURCE -> !pacer.sourceAhead(newestSourceEventMillis(), now);
    };
  }

  /** -1 when the database cannot say: then the write goes ahead, and its failure backs off. */
  private long newestSourceEventMillis() {
    try {
      return writer.newestEventMillis().orElse(-1);
    } catch (SQLException | RuntimeException e) {
      return -1;
    }
  }

  /** Whether the consumer has fetched all of this task's partition (true when it cannot tell). */
  private boolean drained(long now) {
    OptionalLong lag = inputLag.of(context.taskId().partition(), now);
    return lag.isEmpty() || lag.getAsLong() == 0;
  }

  private List<Long> nextKeys() {
    int size = Math.min(unwritten.size(), config.apply().batchSize());
    List<Long> keys = new ArrayList<>(size);
    Iterator<Long> all = unwritten.keySet().iterator();
    while (all.hasNext() && keys.size() < size) {
      keys.add(all.next());
    }
    return keys;
  }

  private void reconcile() {
    // The queue's partitions are kept bounded whether or not the flag lets the reconciler write.
    if (rotation != null) {
      try {
        rotation.run();
      } catch (SQLException | RuntimeException e) {
        LOG.warn("queue rotation failed, trying again next interval: {}", e.getMessage());
      }
    }
    if (!flag.enabled()) {
      return;
    }
    try {
      reconciler.run();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("reconcile failed, trying again next interval: {}", e.getMessage());
    }
  }

  private void verify() {
    if (!flag.enabled()) {
      return;
    }
    try {
      verifier.run();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("verify failed, trying again next interval: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    // A clean stop or a handover writes what waits, so no queue row is left for the reconciler.
    // What fails here is not lost: the states are in the changelogged store.
    if (writer != null && context != null) {
      try {
        writeUnwritten(context.currentSystemTimeMs(), true);
      } catch (RuntimeException e) {
        LOG.warn("final write on close failed; the states stay in the store: {}", e.getMessage());
      }
    }
    if (writer != null) {
      writer.close();
    }
    if (reconciler != null) {
      reconciler.close();
    }
    if (verifier != null) {
      verifier.close();
    }
    if (rotation != null) {
      rotation.close();
    }
  }
}
