package dev.catalogsync.connector;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Hands the queue's {@code created_at} to the connector as microseconds since the epoch, instead of
 * Debezium's ISO-8601 string for timestamptz: Debezium would format the value as text only for
 * {@link SyncEventMapper} to parse it back (a tenth of Debezium's coordinator and a seventh of the
 * batch handler in a profile of a drain, docs/performance.md). PostgreSQL keeps microseconds, so
 * nothing is lost. Every other column keeps Debezium's conversion.
 */
public final class CreatedAtConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {
  static final String SCHEMA_NAME = "dev.catalogsync.EpochMicros";

  @Override
  public void configure(Properties properties) {}

  @Override
  public void converterFor(
      RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
    if (!"created_at".equals(column.name())
        || !column.dataCollection().endsWith(SyncEventMapper.QUEUE_TABLE)) {
      return;
    }
    SchemaBuilder schema = SchemaBuilder.int64().name(SCHEMA_NAME);
    if (column.isOptional()) {
      schema.optional();
    }
    registration.register(schema, CreatedAtConverter::epochMicros);
  }

  /** Microseconds since the epoch of what the decoder produced for a timestamptz, or null. */
  static Long epochMicros(Object value) {
    Instant instant;
    if (value == null) {
      return null;
    } else if (value instanceof OffsetDateTime t) {
      instant = t.toInstant();
    } else if (value instanceof ZonedDateTime t) {
      instant = t.toInstant();
    } else if (value instanceof Instant t) {
      instant = t;
    } else if (value instanceof java.util.Date t) {
      instant = t.toInstant();
    } else if (value instanceof Number n) {
      return n.longValue(); // already micros: nothing to convert
    } else {
      instant = OffsetDateTime.parse(value.toString()).toInstant();
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
