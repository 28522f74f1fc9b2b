package dev.catalogsync.connector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The mapping from Debezium's change envelope (as the Postgres connector emits it) to events. */
class SyncEventMapperTest {
  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("catalog.public.catalog_resource_sync_events.Value")
          .field("id", Schema.INT64_SCHEMA)
          .field("catalog_resource_id", Schema.INT64_SCHEMA)
          .field("project_id", Schema.INT64_SCHEMA)
          .field("partition_id", Schema.INT64_SCHEMA)
          .field("status", Schema.INT16_SCHEMA)
          .field("name", Schema.OPTIONAL_STRING_SCHEMA)
          .field("description", Schema.OPTIONAL_STRING_SCHEMA)
          .field("visibility_level", Schema.OPTIONAL_INT32_SCHEMA)
          .field(
              "created_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build())
          .field(
              "updated_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build())
          .optional()
          .build();
  private static final Schema SOURCE =
      SchemaBuilder.struct()
          .name("io.debezium.connector.postgresql.Source")
          .field("connector", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.INT64_SCHEMA)
          .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
          .field("db", Schema.STRING_SCHEMA)
          .field("schema", Schema.STRING_SCHEMA)
          .field("table", Schema.STRING_SCHEMA)
          .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
          .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
          .build();
  private static final Schema ENVELOPE =
      SchemaBuilder.struct()
          .name("catalog.public.catalog_resource_sync_events.Envelope")
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("op", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  @Test
  void anInsertIntoTheQueueBecomesItsEventWithEveryField() {
    SourceRecord record = record("c", "catalog_resource_sync_events", row("beta", "first", 20));

    SyncEvent event = SyncEventMapper.map(record).orElseThrow();

    assertThat(event)
        .isEqualTo(
            new SyncEvent(
                42,
                7,
                3,
                "beta",
                "first",
                20,
                Instant.parse("2026-11-28T16:20:00.123456Z"),
                123_456_789L,
                777L,
                Instant.parse("2026-11-28T16:20:00.654321Z")));
    assertThat(event.key()).isEqualTo("7");
  }

  @Test
  void itEncodesToTheContractsFlatSnakeCaseJson() throws Exception {
    SyncEvent event =
        SyncEventMapper.map(record("c", "catalog_resource_sync_events", row(null, null, null)))
            .orElseThrow();

    // The publisher skips the schema check for speed; what it writes must still satisfy it.
    byte[] published = Contract.encodeUnchecked(event);
    assertThat(Contract.problems(Payload.SYNC_EVENT, new String(published, UTF_8))).isEmpty();
    JsonNode json = Json.mapper().readTree(published);

    assertThat(json.get("catalog_resource_id").asLong()).isEqualTo(7);
    assertThat(json.get("name").isNull()).isTrue();
    assertThat(json.get("description").isNull()).isTrue();
    assertThat(json.get("visibility_level").isNull()).isTrue();
    assertThat(json.get("created_at").asText()).isEqualTo("2026-11-28T16:20:00.123456Z");
    assertThat(json.get("source_tx_id").asLong()).isEqualTo(777);
  }

  @Test
  void withoutMicrosecondsTheCommitTimeComesFromMilliseconds() {
    Struct source = source("catalog_resource_sync_events");
    source.put("ts_us", null);
    SourceRecord record = record(envelope("c", source, row("a", "b", 0)));

    assertThat(SyncEventMapper.map(record).orElseThrow().sourceCommittedAt())
        .isEqualTo(Instant.parse("2026-11-28T16:20:00.654Z"));
  }

  @Test
  void heartbeatRowsAreNotEvents() {
    assertThat(SyncEventMapper.map(record("c", "catalog_sync_heartbeat", row("a", "b", 0))))
        .isEmpty();
  }

  @Test
  void debeziumHeartbeatsAndTombstonesAreNotEvents() {
    Schema heartbeatSchema =
        SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    Struct heartbeat = new Struct(heartbeatSchema).put("ts_ms", 1L);
    SourceRecord beat =
        new SourceRecord(
            Map.of(), Map.of(), "__debezium-heartbeat.catalog", heartbeatSchema, heartbeat);
    SourceRecord tombstone =
        new SourceRecord(Map.of(), Map.of(), "catalog.public.x", null, null, null, null);

    assertThat(SyncEventMapper.map(beat)).isEmpty();
    assertThat(SyncEventMapper.map(tombstone)).isEmpty();
  }

  @Test
  void onlyInsertsAreEvents() {
    for (String op : new String[] {"u", "d", "r", "t"}) {
      assertThat(SyncEventMapper.map(record(op, "catalog_resource_sync_events", row("a", "b", 0))))
          .as("op %s", op)
          .isEmpty();
    }
  }

  @Test
  void timestampsAreReadInEveryFormDebeziumCanEmit() {
    Instant instant = Instant.parse("2026-11-28T16:20:00.123456Z");
    assertThat(SyncEventMapper.timestamp("2026-11-28T17:20:00.123456+01:00")).isEqualTo(instant);
    // Debezium's usual UTC form takes the fast path; every precision must read the same as ISO.
    for (String text :
        List.of(
            "2026-11-28T16:20:00Z",
            "2026-11-28T16:20:00.1Z",
            "2026-11-28T16:20:00.123456Z",
            "2026-11-28T16:20:00.123456789Z",
            "1999-12-31T23:59:59.999999Z",
            "2024-02-29T00:00:00.000001Z")) {
      assertThat(SyncEventMapper.timestamp(text)).isEqualTo(Instant.parse(text));
    }
    assertThat(SyncEventMapper.timestamp("2026-11-28T16:20:00.123456Z")).isEqualTo(instant);
    assertThat(SyncEventMapper.timestamp(java.util.Date.from(Instant.ofEpochMilli(5))))
        .isEqualTo(Instant.ofEpochMilli(5));
    assertThat(SyncEventMapper.timestamp(1_000_001L)).isEqualTo(Instant.ofEpochSecond(1, 1000));
  }

  private static Struct row(String name, String description, Integer level) {
    return new Struct(ROW)
        .put("id", 42L)
        .put("catalog_resource_id", 7L)
        .put("project_id", 3L)
        .put("partition_id", 1L)
        .put("status", (short) 1)
        .put("name", name)
        .put("description", description)
        .put("visibility_level", level)
        .put("created_at", "2026-11-28T16:20:00.123456Z")
        .put("updated_at", "2026-11-28T16:20:00.123456Z");
  }

  private static Struct source(String table) {
    return new Struct(SOURCE)
        .put("connector", "postgresql")
        .put("ts_ms", Instant.parse("2026-11-28T16:20:00.654321Z").toEpochMilli())
        .put("ts_us", 1_795_882_800_654_321L)
        .put("db", "catalog")
        .put("schema", "public")
        .put("table", table)
        .put("txId", 777L)
        .put("lsn", 123_456_789L);
  }

  private static Struct envelope(String op, Struct source, Struct after) {
    return new Struct(ENVELOPE)
        .put("after", after)
        .put("source", source)
        .put("op", op)
        .put("ts_ms", 1L);
  }

  private static SourceRecord record(String op, String table, Struct after) {
    return record(envelope(op, source(table), after));
  }

  private static SourceRecord record(Struct value) {
    return new SourceRecord(Map.of(), Map.of(), "catalog.public.t", ENVELOPE, value);
  }
}
