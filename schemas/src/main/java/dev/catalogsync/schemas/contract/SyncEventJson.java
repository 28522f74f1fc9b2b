package dev.catalogsync.schemas.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A sync event in the contract's JSON mapping, written field by field with Jackson's streaming API
 * and read from a tree {@link SyncEventShape} already vouched for. Byte for byte what {@link
 * Json#mapper()} writes and reads (tests compare the two), at a fraction of the cost: every event
 * is written once by the connector and at least once into the streams app's store, where the
 * mapper's reflection was the largest part of a store write.
 */
public final class SyncEventJson {
  private static final JsonFactory FACTORY = Json.mapper().getFactory();

  private SyncEventJson() {}

  /** The event's JSON, as the mapper writes it. */
  public static byte[] toBytes(SyncEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sync event " + event.id(), e);
    }
    return out.toByteArray();
  }

  /** Writes the event as one JSON object, in the mapper's field order, nulls included. */
  public static void write(JsonGenerator g, SyncEvent e) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", e.id());
    g.writeNumberField("catalog_resource_id", e.catalogResourceId());
    g.writeNumberField("project_id", e.projectId());
    g.writeStringField("name", e.name());
    g.writeStringField("description", e.description());
    g.writeFieldName("visibility_level");
    if (e.visibilityLevel() == null) {
      g.writeNull();
    } else {
      g.writeNumber(e.visibilityLevel().intValue());
    }
    writeInstant(g, "created_at", e.createdAt());
    writeLong(g, "source_lsn", e.sourceLsn());
    writeLong(g, "source_tx_id", e.sourceTxId());
    writeInstant(g, "source_committed_at", e.sourceCommittedAt());
    g.writeEndObject();
  }

  /**
   * The event a JSON tree holds, as the mapper binds it; a plainly valid tree takes the direct way.
   *
   * @throws JsonProcessingException when the tree does not bind to an event
   */
  public static SyncEvent fromTree(JsonNode n) throws JsonProcessingException {
    if (SyncEventShape.plainlyValid(n)) {
      return fromPlainTree(n);
    }
    return Json.mapper().treeToValue(n, SyncEvent.class);
  }

  /**
   * The event of a tree for which {@link SyncEventShape#plainlyValid} holds; what the mapper would
   * bind from it (unknown fields are ignored).
   */
  static SyncEvent fromPlainTree(JsonNode n) {
    return new SyncEvent(
        n.get("id").longValue(),
        n.get("catalog_resource_id").longValue(),
        n.get("project_id").longValue(),
        n.get("name").textValue(),
        n.get("description").textValue(),
        n.get("visibility_level").isNull() ? null : n.get("visibility_level").intValue(),
        IsoInstant.parseUtc(n.get("created_at").textValue()),
        optionalLong(n.get("source_lsn")),
        optionalLong(n.get("source_tx_id")),
        optionalInstant(n.get("source_committed_at")));
  }

  private static void writeLong(JsonGenerator g, String field, Long value) throws IOException {
    g.writeFieldName(field);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value.longValue());
    }
  }

  private static void writeInstant(JsonGenerator g, String field, Instant value)
      throws IOException {
    g.writeStringField(field, value == null ? null : IsoInstant.format(value));
  }

  private static Long optionalLong(JsonNode v) {
    return v == null || v.isNull() ? null : v.longValue();
  }

  private static Instant optionalInstant(JsonNode v) {
    return v == null || v.isNull() ? null : IsoInstant.parseUtc(v.textValue());
  }
}
