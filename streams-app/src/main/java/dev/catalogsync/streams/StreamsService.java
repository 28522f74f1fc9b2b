package dev.catalogsync.streams;

import dev.catalogsync.core.Health;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams app: creates missing topics, starts Kafka Streams on {@link SyncTopology} and
 * the {@link CatchUp} beside it, reports health, and stops cleanly.
 */
public final class StreamsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);
  private static final String COMPONENT = "streams-app";
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  private final WriteHealth writes;
  private final BacklogHealth backlog;
  private final CatchUp catchUp;

  private StreamsService(
      KafkaStreams streams, WriteHealth writes, StreamsAppConfig config, AtomicBoolean catchingUp) {
    this.streams = streams;
    this.writes = writes;
    this.backlog =
        new BacklogHealth(config.database(), config.reconcile().interval(), () -> flagOn(config));
    this.catchUp = CatchUp.start(config, () -> flagOn(config), catchingUp);
    // Kafka Streams' own metrics (lag, rates, state) next to the sync figures, for /metrics.
    this.metrics = new KafkaStreamsMetrics(streams);
    this.metrics.bindTo(Metrics.globalRegistry);
  }

  /** Starts the app; returns once Kafka Streams is starting (see {@link #health()}). */
  public static StreamsService start(StreamsAppConfig config) {
    TopicCreator.createMissing(config);
    InputLag inputLag = new InputLag(config.topics().syncEvents());
    WriteHealth writes = new WriteHealth(config.apply().unreadyAfter());
    AtomicBoolean catchingUp = new AtomicBoolean();
    KafkaStreams streams =
        new KafkaStreams(
            SyncTopology.build(config, inputLag, writes, catchingUp::get), properties(config));
    inputLag.attach(streams);
    StreamsService service = new StreamsService(streams, writes, config, catchingUp);
    streams.setUncaughtExceptionHandler(service::onUncaught);
    streams.setStateListener(
        (now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
    streams.start();
    return service;
  }

  /**
   * Kafka Streams properties: the Kafka client settings, the app's derived values, then the
   * pass-through ones on top.
   */
  static Properties properties(StreamsAppConfig config) {
    Properties p = new Properties();
    p.putAll(config.kafkaClient());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    // At-least-once: exactly-once would not cover the JDBC write, and the version guard already
    // makes a repeated write harmless (see README).
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    if (config.topics().replicationFactor() > 0) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
    }
    if (config.stateDir() != null) {
      p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    }
    // Flag records are checked by FlagUpdater itself; this only opts in to Kafka 5.0's default now.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.putAll(config.kafkaStreams());
    return p;
  }

  private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(Throwable e) {
    // The processors catch database failures themselves; anything else is unexpected. A fresh
    // thread resumes from the committed offsets and the changelogged state.
    lastFailure.set(e.toString());
    LOG.error("stream thread failed, replacing it", e);
    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /**
   * Ready only while Kafka Streams is RUNNING, the database takes the batch writes (not every write
   * failing for longer than {@code apply.unready-after.ms}), and, with the flag on, no pending
   * event is older than two reconcile intervals; otherwise why not.
   */
  public Health health() {
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.RUNNING) {
      return writes
          .problem()
          .or(backlog::problem)
          .map(problem -> new Health(COMPONENT, false, problem))
          .orElseGet(() -> new Health(COMPONENT, true, state.name()));
    }
    String failure = lastFailure.get();
    return new Health(
        COMPONENT, false, failure == null ? state.name() : state.name() + " after: " + failure);
  }

  /** The flag as the app sees it (its global store); off while the store cannot be read. */
  private boolean flagOn(StreamsAppConfig config) {
    try {
      ReadOnlyKeyValueStore<String, byte[]> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  SyncTopology.FLAG_STORE, QueryableStoreTypes.keyValueStore()));
      return new FlagGate(store, config.flag()).peek();
    } catch (InvalidStateStoreException e) {
      return false;
    }
  }

  /** The Kafka Streams state, for callers that wait for a transition. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    catchUp.close(); // first: a round ends after its current batch
    // Leaving the group hands this instance's partitions to the others at once, instead of after
    // the session timeout; their state comes from the changelog.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT));
    metrics.close();
    backlog.close();
    LOG.info("streams app stopped");
  }
}
