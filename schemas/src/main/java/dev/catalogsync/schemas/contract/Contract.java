package dev.catalogsync.schemas.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes topic payloads, checking each against its JSON Schema, so every stage agrees
 * on the same contract and a bad record is rejected with a message that names the field.
 */
public final class Contract {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final Map<Payload, JsonSchema> KEYS = new EnumMap<>(Payload.class);
  private static final Map<Payload, JsonSchema> VALUES = new EnumMap<>(Payload.class);

  static {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    for (Payload payload : Payload.values()) {
      KEYS.put(payload, load(factory, payload.keySchema()));
      VALUES.put(payload, load(factory, payload.valueSchema()));
    }
  }

  private Contract() {}

  /** Serializes a value to JSON bytes; throws {@link ContractViolation} if it breaks the schema. */
  public static byte[] encode(Payload payload, Object value) {
    JsonNode node = MAPPER.valueToTree(value);
    requireValid(payload.label() + " value", VALUES.get(payload), node);
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + payload.label() + " value", e);
    }
  }

  /**
   * Serializes a value without checking it against the schema: for the hot path of a producer whose
   * values are built from typed columns, so the check would cost more than the write (tests check
   * that such values satisfy the schema).
   */
  public static byte[] encodeUnchecked(Object value) {
    if (value instanceof SyncEvent event) {
      return SyncEventJson.toBytes(event);
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses and checks a value; throws {@link ContractViolation} naming the field on bad input. */
  public static <T> T decode(Payload payload, byte[] json, Class<T> type) {
    if (json == null) {
      throw new ContractViolation(payload.label() + " value", List.of("$: value is null"));
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ContractViolation(
          payload.label() + " value", List.of("$: not JSON (" + firstLine(e.getMessage()) + ")"));
    }
    if (payload == Payload.SYNC_EVENT && SyncEventShape.plainlyValid(node)) {
      if (type == SyncEvent.class) {
        return type.cast(SyncEventJson.fromPlainTree(node));
      }
    } else {
      requireValid(payload.label() + " value", VALUES.get(payload), node);
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new ContractViolation(
          payload.label() + " value", List.of("$: " + firstLine(e.getMessage())));
    }
  }

  /** Checks a key as text; throws {@link ContractViolation} if it breaks the schema. */
  public static void checkKey(Payload payload, String key) {
    if (payload == Payload.SYNC_EVENT && SyncEventShape.plainKey(key)) {
      return;
    }
    requireValid(
        payload.label() + " key", KEYS.get(payload), MAPPER.getNodeFactory().textNode(key));
  }

  /** All problems of a value against its schema, each naming the field; empty when valid. */
  public static List<String> problems(Payload payload, String json) {
    try {
      return problems(VALUES.get(payload), MAPPER.readTree(json));
    } catch (IOException e) {
      return List.of("$: not JSON (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static void requireValid(String what, JsonSchema schema, JsonNode node) {
    List<String> problems = problems(schema, node);
    if (!problems.isEmpty()) {
      throw new ContractViolation(what, problems);
    }
  }

  private static List<String> problems(JsonSchema schema, JsonNode node) {
    return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static JsonSchema load(JsonSchemaFactory factory, String resource) {
    try (InputStream in = Contract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema on the classpath: " + resource);
      }
      return factory.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
