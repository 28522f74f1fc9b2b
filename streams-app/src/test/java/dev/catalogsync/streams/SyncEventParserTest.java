package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncEventParserTest {
  private static final SyncEvent EVENT =
      new SyncEvent(
          7, 42, 3, "name", null, 20, Instant.parse("2026-11-28T10:00:00Z"), 1L, 2L, null);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aValidRecordIsAccepted() {
    ParsedRecord parsed =
        SyncEventParser.parse(bytes("42"), Contract.encode(Payload.SYNC_EVENT, EVENT));
    assertThat(parsed.ok()).isTrue();
    assertThat(parsed.event()).isEqualTo(EVENT);
  }

  @Test
  void badInputIsRejectedWithAReasonNamingTheProblem() {
    byte[] value = Contract.encode(Payload.SYNC_EVENT, EVENT);
    assertThat(SyncEventParser.parse(null, value).error()).contains("key is null");
    assertThat(SyncEventParser.parse(bytes("\"42\""), value).error()).contains("key");
    assertThat(SyncEventParser.parse(bytes("43"), value).error())
        .contains("does not match catalog_resource_id 42");
    assertThat(SyncEventParser.parse(bytes("42"), bytes("{")).error()).contains("not JSON");
    assertThat(SyncEventParser.parse(bytes("42"), null).error()).contains("null");
    assertThat(
            SyncEventParser.parse(
                    bytes("42"),
                    bytes(
                        "{\"id\":0,\"catalog_resource_id\":42,\"project_id\":3,\"name\":null,"
                            + "\"description\":null,\"visibility_level\":null,"
                            + "\"created_at\":\"2026-11-28T10:00:00Z\"}"))
                .error())
        .contains("$.id");
  }
}
