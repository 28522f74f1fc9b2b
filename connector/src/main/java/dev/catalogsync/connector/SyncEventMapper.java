package dev.catalogsync.connector;

import dev.catalogsync.schemas.contract.IsoInstant;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one Debezium change record into the sync event it announces, or nothing: heartbeats (ours
 * and Debezium's), tombstones and any operation other than an insert into the queue table carry no
 * event, but must still be acknowledged so the slot moves on.
 */
public final class SyncEventMapper {
  static final String QUEUE_TABLE = "catalog_resource_sync_events";
  private static final String CREATE = "c";

  private SyncEventMapper() {}

  public static Optional<SyncEvent> map(SourceRecord record) {
    if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
      return Optional.empty(); // tombstone or Debezium heartbeat (no envelope)
    }
    Struct source = value.getStruct("source");
    if (!CREATE.equals(value.getString("op"))
        || source == null
        || !QUEUE_TABLE.equals(source.getString("table"))) {
      return Optional.empty();
    }
    Struct row = value.getStruct("after");
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SyncEvent(
            row.getInt64("id"),
            row.getInt64("catalog_resource_id"),
            row.getInt64("project_id"),
            row.getString("name"),
            row.getString("description"),
            row.getInt32("visibility_level"),
            timestamp(row.get("created_at")),
            optionalLong(source, "lsn"),
            optionalLong(source, "txId"),
            commitTime(source)));
  }

  /**
   * Debezium renders timestamptz as an ISO-8601 string (io.debezium.time.ZonedTimestamp); with
   * time.precision.mode=connect it is a java.util.Date. Both are accepted.
   */
  static Instant timestamp(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant();
    }
    if (value instanceof Long epochMicros) { // MicroTimestamp, should someone configure it so
      return Instant.EPOCH.plusNanos(epochMicros * 1000);
    }
    String text = value.toString();
    // Debezium's usual form is UTC with a Z, read without the general parser, which showed up in
    // profiles of this thread (docs/performance.md#what-was-tried).
    Instant fast = IsoInstant.parseUtc(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  /** The commit time: microseconds when Debezium gives them (ts_us), else milliseconds. */
  private static Instant commitTime(Struct source) {
    Long micros = optionalLong(source, "ts_us");
    if (micros != null) {
      return Instant.EPOCH.plusNanos(micros * 1000);
    }
    Long millis = optionalLong(source, "ts_ms");
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static Long optionalLong(Struct struct, String name) {
    Field field = struct.schema().field(name);
    if (field == null) {
      return null;
    }
    Object value = struct.get(field);
    return value instanceof Number number ? number.longValue() : null;
  }
}
