package dev.catalogsync.connector;

import dev.catalogsync.schemas.contract.SyncEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Receives the engine's batches: publishes the sync events they carry and only then marks every
 * record of the batch processed, heartbeats included (unmarked records would hold the slot back).
 * Marking after the acknowledgement (of the event, or of its dead letter when Kafka rejected it for
 * good) is what makes delivery at-least-once.
 */
final class ChangeHandler
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
  private final SyncEventPublisher publisher;
  // Once a batch is left unmarked, no later record may be marked either: offsets are positions in
  // the WAL, so marking a later heartbeat would commit past the events that were never published.
  private volatile boolean abandoned;

  private final Liveness liveness;

  ChangeHandler(SyncEventPublisher publisher, Liveness liveness) {
    this.publisher = publisher;
    this.liveness = liveness;
  }

  @Override
  public void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    liveness.touch();
    if (abandoned) {
      return;
    }
    List<SyncEvent> events = new ArrayList<>();
    for (RecordChangeEvent<SourceRecord> record : records) {
      SyncEventMapper.map(record.record()).ifPresent(events::add);
    }
    if (!events.isEmpty() && !publisher.publish(events)) {
      abandoned = true; // shutting down while Kafka fails: the batch stays in the slot, replayed
      return;
    }
    for (RecordChangeEvent<SourceRecord> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
  }
}
