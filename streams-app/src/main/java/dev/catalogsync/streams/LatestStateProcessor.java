package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Keeps the newest state per resource and writes it in coalesced, guarded batches: on a short
 * wall-clock tick, and at once when a batch is full. Writes only while the flag is on; when the
 * database fails the state stays, consumption goes on and writes resume after a backoff. Nothing
 * the database does can fail the stream thread.
 */
final class LatestStateProcessor implements Processor<Long, SyncEvent, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(LatestStateProcessor.class);

  /** Longest a tick keeps writing full batches, so a huge backlog cannot stall polling. */
  static final Duration MAX_APPLY_TIME_PER_TICK = Duration.ofSeconds(5);

  private final StreamsAppConfig config;
  private final Supplier<SyncWriter> writers;
  private final Supplier<Reconciler> reconcilers;

  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Long, ResourceState> store;
  private FlagGate flag;
  private SyncWriter writer;
  private Reconciler reconciler;
  private Backoff backoff;
  // Resources whose newest state is not written yet, in arrival order. Rebuilt from the store at
  // init, so it is only a cache of what the changelogged store already knows.
  private final Set<Long> dirty = new LinkedHashSet<>();

  LatestStateProcessor(
      StreamsAppConfig config, Supplier<SyncWriter> writers, Supplier<Reconciler> reconcilers) {
    this.config = config;
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
    this.backoff = new Backoff(config.apply().retryBackoff());
    try (KeyValueIterator<Long, ResourceState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Long, ResourceState> entry = all.next();
        if (entry.value.pending()) {
          dirty.add(entry.key);
        }
      }
    }
    if (!dirty.isEmpty()) {
      LOG.info("task {}: {} resources with unwritten state", context.taskId(), dirty.size());
    }
    context.schedule(
        config.apply().interval(), PunctuationType.WALL_CLOCK_TIME, this::applyPending);
    // One reconciler per application is enough: the task of partition 0 exists exactly once across
    // all instances. The advisory lock covers the short overlap of a rebalance.
    if (context.taskId().partition() == 0) {
      this.reconciler = reconcilers.get();
      context.schedule(
          config.reconcile().interval(), PunctuationType.WALL_CLOCK_TIME, now -> reconcile());
    }
  }

  @Override
  public void process(Record<Long, SyncEvent> record) {
    Long key = record.key();
    SyncEvent event = record.value();
    ResourceState known = store.get(key);
    if (known != null && !known.supersededBy(event)) {
      return; // a duplicate, a replay, or an older event: the newest state is already known
    }
    ResourceState next = known == null ? new ResourceState(event, 0) : known.withLatest(event);
    store.put(key, next);
    if (next.pending()) {
      dirty.add(key);
    }
    if (dirty.size() >= config.apply().batchSize()) {
      applyPending(context.currentSystemTimeMs());
    }
  }

  private void applyPending(long now) {
    if (dirty.isEmpty() || !backoff.ready(now) || !flag.enabled()) {
      return;
    }
    long started = System.nanoTime();
    while (!dirty.isEmpty()) {
      List<PendingWrite> batch = nextBatch();
      ApplyResult result;
      try {
        result = writer.apply(batch);
      } catch (SQLException | RuntimeException e) {
        long wait = backoff.failed(now);
        LOG.warn(
            "writing {} resource states failed, keeping them and retrying in {} ms: {}",
            batch.size(),
            wait,
            e.getMessage());
        return;
      }
      int failuresBefore = backoff.succeeded();
      if (failuresBefore > 0) {
        LOG.info("database writes recovered after {} failed attempts", failuresBefore);
      }
      for (PendingWrite written : batch) {
        ResourceState state = store.get(written.resourceId());
        store.put(written.resourceId(), state.appliedUpTo(written.eventId()));
        dirty.remove(written.resourceId());
      }
      LOG.debug(
          "applied {} states: {} rows written, {} events processed",
          result.statesSent(),
          result.rowsWritten(),
          result.eventsProcessed());
      if (System.nanoTime() - started > MAX_APPLY_TIME_PER_TICK.toNanos()) {
        return;
      }
    }
  }

  private List<PendingWrite> nextBatch() {
    List<PendingWrite> batch = new ArrayList<>(Math.min(dirty.size(), config.apply().batchSize()));
    Iterator<Long> keys = dirty.iterator();
    while (keys.hasNext() && batch.size() < config.apply().batchSize()) {
      batch.add(store.get(keys.next()).toWrite());
    }
    return batch;
  }

  private void reconcile() {
    if (!flag.enabled()) {
      return;
    }
    try {
      reconciler.run();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("reconcile failed, trying again next interval: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
    if (reconciler != null) {
      reconciler.close();
    }
  }
}
