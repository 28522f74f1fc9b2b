package dev.catalogsync.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContractTest {
  private static final Instant AT = Instant.parse("2026-11-28T10:15:30.123Z");

  private static SyncEvent event() {
    return new SyncEvent(42, 7, 3, "alpha", null, 20, AT, 23456789L, 771L, AT);
  }

  @Test
  void aSyncEventRoundTripsAsFlatSnakeCaseJson() {
    byte[] json = Contract.encode(Payload.SYNC_EVENT, event());
    String text = new String(json, StandardCharsets.UTF_8);

    assertThat(text)
        .isEqualTo(
            "{\"id\":42,\"catalog_resource_id\":7,\"project_id\":3,\"name\":\"alpha\","
                + "\"description\":null,\"visibility_level\":20,"
                + "\"created_at\":\"2026-11-28T10:15:30.123Z\",\"source_lsn\":23456789,"
                + "\"source_tx_id\":771,\"source_committed_at\":\"2026-11-28T10:15:30.123Z\"}");
    assertThat(Contract.decode(Payload.SYNC_EVENT, json, SyncEvent.class)).isEqualTo(event());
    assertThat(event().key()).isEqualTo("7");
    Contract.checkKey(Payload.SYNC_EVENT, event().key());
  }

  @Test
  void flagsAndDeadLettersValidate() {
    FlagRecord flag = new FlagRecord(true, AT, "ops");
    assertThat(Contract.decode(Payload.FLAG, Contract.encode(Payload.FLAG, flag), FlagRecord.class))
        .isEqualTo(flag);
    Contract.checkKey(Payload.FLAG, FlagRecord.PROCESS_SYNC_EVENTS);

    DeadLetter letter =
        new DeadLetter("catalog-sync.sync-events", 0, 12, "7", "{oops", "streams", "not JSON", AT);
    assertThat(
            Contract.decode(
                Payload.DEAD_LETTER,
                Contract.encode(Payload.DEAD_LETTER, letter),
                DeadLetter.class))
        .isEqualTo(letter);
  }

  @Test
  void aWrongTypeIsRejectedNamingTheField() {
    String bad =
        "{\"id\":42,\"catalog_resource_id\":\"seven\",\"project_id\":3,\"name\":\"a\","
            + "\"description\":null,\"visibility_level\":20,\"created_at\":\"2026-11-28T10:15:30Z\"}";
    assertThatThrownBy(() -> decode(bad))
        .isInstanceOf(ContractViolation.class)
        .hasMessageContaining("catalog_resource_id");
  }

  @Test
  void aMissingFieldIsRejectedNamingTheField() {
    String bad =
        "{\"id\":42,\"catalog_resource_id\":7,\"name\":\"a\",\"description\":null,"
            + "\"visibility_level\":20,\"created_at\":\"2026-11-28T10:15:30Z\"}";
    assertThatThrownBy(() -> decode(bad)).hasMessageContaining("project_id");
  }

  @Test
  void garbageAndNullAreRejectedWithAReason() {
    assertThatThrownBy(() -> decode("{not json")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> Contract.decode(Payload.SYNC_EVENT, null, SyncEvent.class))
        .hasMessageContaining("value is null");
  }

  @Test
  void badKeysAndFlagValuesAreRejected() {
    assertThatThrownBy(() -> Contract.checkKey(Payload.SYNC_EVENT, "abc"))
        .isInstanceOf(ContractViolation.class)
        .hasMessageContaining("sync-event")
        .hasMessageContaining("pattern");
    for (String key : new String[] {"0", "012", "12345678901234567890", " 42"}) {
      assertThatThrownBy(() -> Contract.checkKey(Payload.SYNC_EVENT, key))
          .as(key)
          .isInstanceOf(ContractViolation.class);
    }
    Contract.checkKey(Payload.SYNC_EVENT, "9223372036854775807");
    assertThat(Contract.problems(Payload.FLAG, "{\"enabled\":\"yes\"}"))
        .singleElement()
        .asString()
        .contains("enabled");
  }

  @Test
  void encodingAnInvalidRecordFails() {
    SyncEvent bad = new SyncEvent(0, 7, 3, "a", null, 0, AT, null, null, null);
    assertThatThrownBy(() -> Contract.encode(Payload.SYNC_EVENT, bad))
        .isInstanceOf(ContractViolation.class)
        .hasMessageContaining("id");
  }

  private static SyncEvent decode(String json) {
    return Contract.decode(
        Payload.SYNC_EVENT, json.getBytes(StandardCharsets.UTF_8), SyncEvent.class);
  }
}
