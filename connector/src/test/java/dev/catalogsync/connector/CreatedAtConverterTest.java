package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The queue's created_at reaches the handler as epoch microseconds, exactly. */
class CreatedAtConverterTest {

  @Test
  void keepsEveryMicrosecondWhateverTheOffset() {
    OffsetDateTime local = OffsetDateTime.parse("2026-12-04T19:20:31.123456+02:00");

    Long micros = CreatedAtConverter.epochMicros(local);

    assertThat(SyncEventMapper.timestamp(micros))
        .isEqualTo(Instant.parse("2026-12-04T17:20:31.123456Z"));
    assertThat(CreatedAtConverter.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo(-1L);
    assertThat(CreatedAtConverter.epochMicros("2026-12-04T17:20:31.000001Z"))
        .isEqualTo(CreatedAtConverter.epochMicros(Instant.parse("2026-12-04T17:20:31.000001Z")));
    assertThat(CreatedAtConverter.epochMicros(null)).isNull();
  }

  @Test
  void convertsOnlyTheQueuesCreatedAt() {
    AtomicReference<Schema> registered = new AtomicReference<>();
    CustomConverter.ConverterRegistration<SchemaBuilder> registration =
        (schema, converter) -> registered.set(schema.build());
    CreatedAtConverter converter = new CreatedAtConverter();

    converter.converterFor(column("public.projects", "created_at"), registration);
    converter.converterFor(column("public.catalog_resource_sync_events", "name"), registration);
    assertThat(registered).hasValue(null);

    converter.converterFor(
        column("public.catalog_resource_sync_events", "created_at"), registration);
    assertThat(registered.get().type()).isEqualTo(Schema.Type.INT64);
    assertThat(registered.get().name()).isEqualTo(CreatedAtConverter.SCHEMA_NAME);
    assertThat(registered.get().isOptional()).isFalse();
  }

  private static RelationalColumn column(String table, String name) {
    return new RelationalColumn() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String dataCollection() {
        return table;
      }

      @Override
      public int jdbcType() {
        return java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
      }

      @Override
      public int nativeType() {
        return 1184;
      }

      @Override
      public String typeName() {
        return "timestamptz";
      }

      @Override
      public String typeExpression() {
        return "timestamptz";
      }

      @Override
      public OptionalInt length() {
        return OptionalInt.empty();
      }

      @Override
      public OptionalInt scale() {
        return OptionalInt.empty();
      }

      @Override
      public boolean isOptional() {
        return false;
      }

      @Override
      public Object defaultValue() {
        return null;
      }

      @Override
      public boolean hasDefaultValue() {
        return false;
      }
    };
  }
}
