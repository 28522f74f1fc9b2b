package dev.catalogsync.streams;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.SyncEventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the state store's values: {@code {"latest": <sync event>, "applied_id": 0}}, the
 * contract's JSON mapping, so the changelog reads like the sync-event topic in kcat. Written field
 * by field: every consumed event that is newer than what waits puts a state, and the mapper's
 * reflection was the largest part of that (the bytes are the mapper's; tests compare them).
 */
final class ResourceStateSerde {
  private static final ObjectMapper MAPPER = Json.mapper();

  private ResourceStateSerde() {}

  static Serde<ResourceState> create() {
    Serializer<ResourceState> serializer = (topic, state) -> state == null ? null : write(state);
    Deserializer<ResourceState> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static byte[] write(ResourceState state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeFieldName("latest");
      SyncEventJson.write(g, state.latest());
      g.writeNumberField("applied_id", state.appliedId());
      g.writeEndObject();
    } catch (IOException e) {
      throw new SerializationException("cannot write the state of event " + state.latest().id(), e);
    }
    return out.toByteArray();
  }

  static ResourceState read(byte[] bytes) {
    try {
      JsonNode tree = MAPPER.readTree(bytes);
      JsonNode latest = tree.get("latest");
      JsonNode applied = tree.get("applied_id");
      if (latest == null || applied == null || !applied.canConvertToLong()) {
        return MAPPER.treeToValue(tree, ResourceState.class); // not ours: the mapper decides
      }
      return new ResourceState(SyncEventJson.fromTree(latest), applied.longValue());
    } catch (IOException e) {
      throw new SerializationException("cannot read a resource state", e);
    }
  }
}
