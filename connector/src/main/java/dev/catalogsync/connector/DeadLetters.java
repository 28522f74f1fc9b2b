package dev.catalogsync.connector;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.DeadLetter;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record of an event Kafka rejected for good. The connector reads no topic,
 * so the letter points at the event's origin instead: the queue table, partition 0, the queue row
 * id as offset. Same headers as the streams app's dead letters, so one kcat line reads both.
 */
final class DeadLetters {
  /** Header with the one-line reason, readable with kcat's {@code %h}. */
  static final String ERROR_HEADER = "catalog-sync.error";

  /** Header naming the part of catalog-sync that rejected the record. */
  static final String STAGE_HEADER = "catalog-sync.stage";

  /** The connector's stage name on dead letters. */
  static final String STAGE = "connector.publish";

  /** Where the quarantined events come from, as the letter's source topic. */
  static final String SOURCE = SyncEventMapper.QUEUE_TABLE;

  /**
   * Longest event JSON kept whole in a letter (UTF-8 bytes): the event may be too large for Kafka,
   * its letter must not be. The queue row keeps the full values.
   */
  static final int MAX_VALUE_BYTES = 64 * 1024;

  /** Longest error text kept (characters); exception messages are short, this is a guard. */
  static final int MAX_ERROR_CHARS = 1000;

  private DeadLetters() {}

  /**
   * @param topic the dead-letter topic
   * @param event the rejected event
   * @param json the event's value as it was sent
   * @param error why Kafka rejected it
   */
  static ProducerRecord<String, byte[]> record(
      String topic, SyncEvent event, byte[] json, String error, Instant failedAt) {
    String reason = oneLine(error);
    int keep = prefixLength(json, MAX_VALUE_BYTES);
    if (keep < json.length) {
      reason += " (value truncated to its first " + keep + " of " + json.length + " bytes)";
    }
    String value = new String(json, 0, keep, StandardCharsets.UTF_8);
    DeadLetter letter =
        new DeadLetter(SOURCE, 0, event.id(), event.key(), value, STAGE, reason, failedAt);
    RecordHeaders headers = new RecordHeaders();
    headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(STAGE_HEADER, STAGE.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        topic, null, event.key(), Contract.encode(Payload.DEAD_LETTER, letter), headers);
  }

  /** At most {@code max} bytes, cut before a character boundary so the prefix stays valid UTF-8. */
  static int prefixLength(byte[] utf8, int max) {
    if (utf8.length <= max) {
      return utf8.length;
    }
    int end = max;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) { // a continuation byte: inside a character
      end--;
    }
    return end;
  }

  private static String oneLine(String error) {
    String text = error == null || error.isBlank() ? "unknown error" : error;
    text = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
