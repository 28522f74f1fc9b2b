package dev.catalogsync.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicProbeTest {

  @Test
  void probeFindsTheTopLevelEventId() {
    byte[] json =
        "{\"catalog_resource_id\":7,\"project_id\":9,\"id\":12345,\"name\":\"x\"}".getBytes();
    assertThat(TopicProbe.eventId(json)).isEqualTo(12345);
    assertThat(TopicProbe.eventId("{}".getBytes())).isEqualTo(-1);
  }
}
