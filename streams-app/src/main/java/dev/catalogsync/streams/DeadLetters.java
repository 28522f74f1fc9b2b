package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.DeadLetter;
import dev.catalogsync.schemas.contract.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the dead-letter record for a rejected input record: value, and the reason in headers. */
final class DeadLetters {
  /** Header with the one-line reason, readable with kcat's {@code %h}. */
  static final String ERROR_HEADER = "catalog-sync.error";

  /** Header naming the part of catalog-sync that rejected the record. */
  static final String STAGE_HEADER = "catalog-sync.stage";

  /** This app's stage name on dead letters. */
  static final String STAGE = "streams-app.parse";

  private DeadLetters() {}

  static byte[] value(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String error,
      Instant failedAt) {
    DeadLetter letter =
        new DeadLetter(topic, partition, offset, text(key), text(value), STAGE, error, failedAt);
    return Contract.encode(Payload.DEAD_LETTER, letter);
  }

  static Headers headers(Headers original, String error) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.remove(ERROR_HEADER).remove(STAGE_HEADER);
    headers.add(ERROR_HEADER, error.getBytes(StandardCharsets.UTF_8));
    headers.add(STAGE_HEADER, STAGE.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
