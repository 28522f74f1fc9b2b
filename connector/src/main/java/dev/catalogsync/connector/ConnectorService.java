package dev.catalogsync.connector;

import dev.catalogsync.core.Health;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running connector: topics ensured, one producer, one supervised Debezium engine streaming
 * inserts of {@code catalog_resource_sync_events} to the sync-event topic.
 */
public final class ConnectorService implements AutoCloseable {
  public static final String COMPONENT = "connector";
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

  private final ConnectorConfig config;
  private final SyncEventPublisher publisher;
  private final EngineSupervisor supervisor;
  private final Liveness liveness;
  private final SlotWatch slot;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ConnectorService(
      ConnectorConfig config,
      SyncEventPublisher publisher,
      EngineSupervisor supervisor,
      Liveness liveness,
      SlotWatch slot) {
    this.config = config;
    this.publisher = publisher;
    this.supervisor = supervisor;
    this.liveness = liveness;
    this.slot = slot;
  }

  /**
   * Creates missing topics, starts the engine and waits (up to {@code connector.start-timeout.ms})
   * until the replication stream is live, so every change committed after this returns is captured.
   * If the stream is not live by then, the service is returned anyway, keeps trying, and {@link
   * #health()} says why it is not ready.
   *
   * @throws IllegalStateException when Kafka cannot be reached to set up the topics
   */
  public static ConnectorService start(ConnectorConfig config) {
    LOG.info("starting {}", config);
    Instant deadline = Instant.now().plus(config.startTimeout());
    try {
      TopicSetup.ensure(config, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
    SyncEventPublisher publisher =
        SyncEventPublisher.create(config, new DeadLetterStats(Metrics.globalRegistry));
    publisher.warmUp();
    SlotProbe probe = new SlotProbe(config);
    SlotWatch slot = new SlotWatch(config);
    slot.bindTo(Metrics.globalRegistry);
    Liveness liveness = new Liveness();
    EngineSupervisor supervisor =
        new EngineSupervisor(
            onCompletion ->
                DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(EngineProperties.of(config))
                    .using(onCompletion)
                    .notifying(new ChangeHandler(publisher, liveness))
                    .build(),
            probe::activePid,
            () -> {
              liveness.touch();
              slot.streamStarted();
            },
            slot::recreateIfLost,
            config.retry());
    ConnectorService service = new ConnectorService(config, publisher, supervisor, liveness, slot);
    DebeziumMetrics.bindTo(Metrics.globalRegistry);
    supervisor.start();
    try {
      if (supervisor.awaitStreaming(Duration.between(Instant.now(), deadline))) {
        LOG.info(
            "streaming slot {} of {} to topic {}",
            config.slot(),
            config.database().database(),
            config.syncTopic());
      } else {
        LOG.warn("replication stream not live yet: {}", service.health().detail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
      throw new IllegalStateException("interrupted while starting", e);
    }
    return service;
  }

  /**
   * Ready only while the slot is safe (not unreserved or lost, within {@code
   * connector.slot-max-retained-wal-mb}), the stream is live, Kafka acknowledges, records arrive
   * and the slot advances (not stalled for {@code connector.stall-heartbeats} intervals while
   * events are pending); otherwise the reason. Says how many events were quarantined since start,
   * and why the last one was.
   */
  public Health health() {
    if (closed.get()) {
      return new Health(COMPONENT, false, "stopped");
    }
    Optional<String> slotProblem = slot.problem();
    if (slotProblem.isPresent()) {
      return new Health(COMPONENT, false, slotProblem.get());
    }
    EngineSupervisor.Status status = supervisor.status();
    if (status.phase() != EngineSupervisor.Phase.STREAMING) {
      return new Health(COMPONENT, false, status.detail());
    }
    String publishFailure = publisher.failure();
    if (publishFailure != null) {
      return new Health(COMPONENT, false, publishFailure);
    }
    Duration silence = liveness.silentFor();
    if (silence.compareTo(config.stallTimeout()) > 0) {
      return new Health(
          COMPONENT,
          false,
          "stalled: no records from the engine for "
              + silence.toSeconds()
              + " s (heartbeats every "
              + config.heartbeatInterval().toMillis()
              + " ms expected; Kafka offset topic or database unreachable?)");
    }
    // Last: the reasons above name a cause, of which a slot that does not advance is the effect.
    Optional<String> slotStalled = slot.stalled();
    if (slotStalled.isPresent()) {
      return new Health(COMPONENT, false, slotStalled.get());
    }
    // Quarantined events do not make it unready: the stream flows, and the reconciler copies
    // their projects; the detail and the dead-letter counter tell operators to look.
    return new Health(
        COMPONENT,
        true,
        "streaming slot "
            + config.slot()
            + " to "
            + config.syncTopic()
            + " ("
            + publisher.published()
            + " events published"
            + quarantined()
            + ")");
  }

  private String quarantined() {
    DeadLetterStats letters = publisher.deadLetters();
    if (letters.count() == 0) {
      return "";
    }
    return "; "
        + letters.count()
        + " quarantined to "
        + publisher.deadLetterTopic()
        + " since start, last: "
        + letters.lastError();
  }

  /**
   * Stops gracefully: the engine finishes its batch and flushes its offsets, then the producer
   * sends what it holds. Events not acknowledged by then stay in the slot for the next start.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("stopping");
    // A batch blocked on an unreachable Kafka gives up instead of holding the shutdown.
    publisher.stopRetrying();
    supervisor.close();
    publisher.close();
    LOG.info("stopped");
  }
}
