package dev.catalogsync.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEventShapeTest {
  private static final String VALID =
      "{\"id\":42,\"catalog_resource_id\":7,\"project_id\":3,\"name\":\"alpha\","
          + "\"description\":null,\"visibility_level\":20,"
          + "\"created_at\":\"2026-11-28T10:15:30.123Z\",\"source_lsn\":23456789,"
          + "\"source_tx_id\":771,\"source_committed_at\":\"2026-11-28T10:15:30.123Z\"}";

  @Test
  void whatTheFastCheckPassesTheSchemaAcceptsToo() throws Exception {
    Map<String, List<String>> values =
        Map.of(
            "id", List.of("0", "-1", "1.5", "\"1\"", "null", "9223372036854775808", "1"),
            "name", List.of("1", "null", "\"\"", "true"),
            "visibility_level", List.of("null", "\"20\"", "1.0", "10"),
            "created_at", List.of("null", "\"yesterday\"", "\"2026-11-28T10:15:30+01:00\"", "5"),
            "source_lsn", List.of("-1", "null", "\"x\"", "0"),
            "source_committed_at", List.of("null", "7", "\"2026-11-28T10:15:30Z\""));
    List<JsonNode> cases = new ArrayList<>();
    cases.add(Json.mapper().readTree(VALID));
    for (var field : values.entrySet()) {
      ObjectNode without = (ObjectNode) Json.mapper().readTree(VALID);
      without.remove(field.getKey());
      cases.add(without);
      for (String value : field.getValue()) {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(VALID);
        node.set(field.getKey(), Json.mapper().readTree(value));
        cases.add(node);
      }
    }
    cases.add(Json.mapper().readTree("[]"));
    cases.add(Json.mapper().readTree("\"x\""));

    int fast = 0;
    for (JsonNode node : cases) {
      if (SyncEventShape.plainlyValid(node)) {
        fast++;
        assertThat(Contract.problems(Payload.SYNC_EVENT, node.toString()))
            .as(node.toString())
            .isEmpty();
        // and the direct way binds what the mapper binds
        assertThat(SyncEventJson.fromPlainTree(node))
            .as(node.toString())
            .isEqualTo(Json.mapper().treeToValue(node, SyncEvent.class));
      }
    }
    assertThat(fast).isGreaterThan(10); // the common shapes do take the fast path
    assertThat(SyncEventShape.plainlyValid(Json.mapper().readTree(VALID))).isTrue();
  }

  @Test
  void plainKeysAreExactlyTheKeySchemasPattern() {
    List<String> keys =
        List.of(
            "1",
            "42",
            "9",
            "1234567890123456789",
            "0",
            "01",
            "12345678901234567890",
            "",
            "-1",
            "4 2",
            "42\n",
            "x",
            "4e2",
            "\u0664\u0662");
    for (String key : keys) {
      assertThat(SyncEventShape.plainKey(key)).as(key).isEqualTo(key.matches("[1-9][0-9]{0,18}"));
    }
  }
}
