package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.core.Backoff;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The at-least-once rule: records are marked processed only after Kafka acknowledged. */
class ChangeHandlerTest {
  private static final Schema HEARTBEAT =
      SchemaBuilder.struct()
          .name("io.debezium.connector.common.Heartbeat")
          .field("ts_ms", Schema.INT64_SCHEMA)
          .build();

  private final Backoff backoff = new Backoff(Duration.ofMillis(5), Duration.ofMillis(5));
  private final RecordingCommitter committer = new RecordingCommitter();

  @Test
  void aBatchOfHeartbeatsIsMarkedWithoutPublishing() throws Exception {
    MockProducer<String, byte[]> kafka = producer(true);
    ChangeHandler handler =
        new ChangeHandler(SyncEventPublisherTest.publisher(kafka, backoff), new Liveness());

    handler.handleBatch(List.of(heartbeat(), heartbeat()), committer);

    assertThat(kafka.history()).isEmpty();
    assertThat(committer.marked).hasSize(2);
    assertThat(committer.batchesFinished).isEqualTo(1);
  }

  @Test
  void recordsAreMarkedOnlyOnceKafkaAcknowledged() throws Exception {
    MockProducer<String, byte[]> kafka = producer(false);
    ChangeHandler handler =
        new ChangeHandler(SyncEventPublisherTest.publisher(kafka, backoff), new Liveness());
    Thread engine = handleInBackground(handler, List.of(heartbeat(), event()));

    await().until(() -> kafka.history().size() == 1);
    assertThat(committer.marked).isEmpty(); // sent, not acknowledged: nothing may be marked

    kafka.completeNext();
    engine.join(10_000);

    assertThat(committer.marked).hasSize(2);
    assertThat(committer.batchesFinished).isEqualTo(1);
    assertThat(kafka.history().get(0).key()).isEqualTo("6");
  }

  @Test
  void aRejectedEventsBatchIsMarkedOnlyOnceItsDeadLetterIsAcknowledged() throws Exception {
    MockProducer<String, byte[]> kafka = producer(false);
    ChangeHandler handler =
        new ChangeHandler(SyncEventPublisherTest.publisher(kafka, backoff), new Liveness());
    Thread engine = handleInBackground(handler, List.of(event(), heartbeat()));

    await().until(() -> kafka.history().size() == 1);
    kafka.errorNext(new RecordTooLargeException("too large"));
    await().until(() -> kafka.history().size() == 2); // the dead letter
    assertThat(committer.marked).isEmpty();

    kafka.completeNext();
    engine.join(10_000);

    assertThat(kafka.history().get(1).topic()).isEqualTo("dead");
    assertThat(committer.marked).hasSize(2); // the slot moves past the rejected event
    assertThat(committer.batchesFinished).isEqualTo(1);
  }

  @Test
  void afterAnAbandonedBatchNothingIsMarkedAnymore() throws Exception {
    MockProducer<String, byte[]> kafka = producer(false);
    SyncEventPublisher publisher = SyncEventPublisherTest.publisher(kafka, backoff);
    ChangeHandler handler = new ChangeHandler(publisher, new Liveness());
    publisher.stopRetrying(); // shutting down while Kafka fails
    Thread failer =
        new Thread(
            () -> {
              while (kafka.history().isEmpty()) {
                Thread.onSpinWait();
              }
              kafka.errorNext(new RuntimeException("broker down"));
            });
    failer.start();

    handler.handleBatch(List.of(event()), committer);
    failer.join();
    handler.handleBatch(List.of(heartbeat()), committer); // a later heartbeat must not move offsets

    assertThat(committer.marked).isEmpty();
    assertThat(committer.batchesFinished).isZero();
  }

  private static MockProducer<String, byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  private static RecordChangeEvent<SourceRecord> heartbeat() {
    SourceRecord record =
        new SourceRecord(
            Map.of(),
            Map.of(),
            "__debezium-heartbeat.x",
            HEARTBEAT,
            new Struct(HEARTBEAT).put("ts_ms", 1L));
    return () -> record;
  }

  /** A queue insert as Debezium emits it (only the fields the mapper reads). */
  private static RecordChangeEvent<SourceRecord> event() {
    Schema row =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("catalog_resource_id", Schema.INT64_SCHEMA)
            .field("project_id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("description", Schema.OPTIONAL_STRING_SCHEMA)
            .field("visibility_level", Schema.OPTIONAL_INT32_SCHEMA)
            .field("created_at", Schema.STRING_SCHEMA)
            .build();
    Schema source =
        SchemaBuilder.struct()
            .field("table", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("txId", Schema.INT64_SCHEMA)
            .field("lsn", Schema.INT64_SCHEMA)
            .build();
    Schema envelope =
        SchemaBuilder.struct()
            .field("after", row)
            .field("source", source)
            .field("op", Schema.STRING_SCHEMA)
            .build();
    Struct value =
        new Struct(envelope)
            .put(
                "after",
                new Struct(row)
                    .put("id", 5L)
                    .put("catalog_resource_id", 6L)
                    .put("project_id", 7L)
                    .put("name", "n")
                    .put("visibility_level", 0)
                    .put("created_at", "2026-11-28T16:20:00Z"))
            .put(
                "source",
                new Struct(source)
                    .put("table", "catalog_resource_sync_events")
                    .put("ts_ms", 1L)
                    .put("txId", 2L)
                    .put("lsn", 3L))
            .put("op", "c");
    SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", envelope, value);
    return () -> record;
  }

  private static final class RecordingCommitter
      implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
    final List<RecordChangeEvent<SourceRecord>> marked =
        java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int batchesFinished;

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record) {
      marked.add(record);
    }

    @Override
    public void markBatchFinished() {
      batchesFinished++;
    }

    @Override
    public void markProcessed(
        RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
      marked.add(record);
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      throw new UnsupportedOperationException();
    }
  }

  /** The engine's thread: a batch handled until Kafka acknowledges, while the test watches. */
  private Thread handleInBackground(
      ChangeHandler handler, List<RecordChangeEvent<SourceRecord>> batch) {
    Thread engine =
        new Thread(
            () -> {
              try {
                handler.handleBatch(batch, committer);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    engine.start();
    return engine;
  }
}
