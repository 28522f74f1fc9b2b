package dev.catalogsync.streams;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step: checks each raw record against the contract. Good events go on keyed by resource id;
 * bad ones go to the dead-letter sink with the reason, and processing continues.
 */
final class ParseProcessor implements Processor<byte[], byte[], Object, Object> {
  private final String latestChild;
  private final String deadLetterChild;
  private ProcessorContext<Object, Object> context;

  ParseProcessor(String latestChild, String deadLetterChild) {
    this.latestChild = latestChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    ParsedRecord parsed = SyncEventParser.parse(record.key(), record.value());
    if (parsed.ok()) {
      context.forward(
          record.withKey(parsed.event().catalogResourceId()).withValue(parsed.event()),
          latestChild);
      return;
    }
    RecordMetadata source = context.recordMetadata().orElseThrow();
    byte[] letter =
        DeadLetters.value(
            source.topic(),
            source.partition(),
            source.offset(),
            record.key(),
            record.value(),
            parsed.error(),
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(
        record.withValue(letter).withHeaders(DeadLetters.headers(record.headers(), parsed.error())),
        deadLetterChild);
  }
}
