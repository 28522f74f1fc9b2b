package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourceStateSerdeTest {
  private static final ResourceState STATE =
      new ResourceState(
          new SyncEvent(
              42,
              7,
              3,
              "alpha",
              "with \"quotes\" and ünïcødé",
              10,
              Instant.parse("2026-11-28T10:15:30.123Z"),
              99L,
              12L,
              Instant.parse("2026-11-28T10:15:30.125Z")),
          41);

  @Test
  void theChangelogHoldsTheMappersJson() throws Exception {
    byte[] bytes = ResourceStateSerde.write(STATE);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(Json.mapper().writeValueAsString(STATE))
        .startsWith("{\"latest\":{\"id\":42,");
  }

  @Test
  void readsItsOwnAndTheMappersBytes() throws Exception {
    var serde = ResourceStateSerde.create();
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", STATE)))
        .isEqualTo(STATE);
    assertThat(ResourceStateSerde.read(Json.mapper().writeValueAsBytes(STATE))).isEqualTo(STATE);
    ResourceState noneApplied = new ResourceState(STATE.latest(), 0);
    assertThat(ResourceStateSerde.read(ResourceStateSerde.write(noneApplied)))
        .isEqualTo(noneApplied);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }
}
