package dev.catalogsync.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncEventJsonTest {
  private static final List<SyncEvent> EVENTS =
      List.of(
          new SyncEvent(
              42,
              7,
              3,
              "alpha",
              "a \"quoted\" line\nand a tab\t, a backslash \\ and ünïcødé ✓",
              20,
              Instant.parse("2026-11-28T10:15:30.123456Z"),
              23456789L,
              771L,
              Instant.parse("2026-11-28T10:15:30Z")),
          new SyncEvent(
              Long.MAX_VALUE,
              1,
              1,
              null,
              null,
              null,
              Instant.parse("2026-11-28T10:15:30.100Z"),
              null,
              null,
              null),
          new SyncEvent(1, 2, 3, "", "", 0, Instant.EPOCH, 0L, 0L, Instant.EPOCH));

  @Test
  void writesTheSameBytesAsTheMapper() throws Exception {
    for (SyncEvent event : EVENTS) {
      assertThat(new String(SyncEventJson.toBytes(event), StandardCharsets.UTF_8))
          .isEqualTo(Json.mapper().writeValueAsString(event));
      assertThat(Contract.encodeUnchecked(event)).isEqualTo(SyncEventJson.toBytes(event));
    }
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    for (SyncEvent event : EVENTS) {
      assertThat(SyncEventJson.fromTree(Json.mapper().readTree(SyncEventJson.toBytes(event))))
          .isEqualTo(event);
      assertThat(Contract.decode(Payload.SYNC_EVENT, SyncEventJson.toBytes(event), SyncEvent.class))
          .isEqualTo(event);
    }
  }

  @Test
  void readsWhatTheMapperReadsWhenFieldsAreMissingExtraOrInAnotherForm() throws Exception {
    ObjectNode node = (ObjectNode) Json.mapper().readTree(SyncEventJson.toBytes(EVENTS.get(0)));
    node.remove("source_lsn");
    node.put("added_by_a_newer_producer", true);
    assertThat(SyncEventJson.fromTree(node))
        .isEqualTo(Json.mapper().treeToValue(node, SyncEvent.class));

    node.put("created_at", "2026-11-28T11:15:30+01:00"); // not the plain form: the mapper's way
    assertThat(SyncEventJson.fromTree(node))
        .isEqualTo(Json.mapper().treeToValue(node, SyncEvent.class))
        .extracting(SyncEvent::createdAt)
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
  }
}
