package dev.catalogsync.schemas.contract;

/**
 * Every payload kind carried on a catalog-sync topic, with the JSON Schemas of its key and value.
 */
public enum Payload {
  SYNC_EVENT("sync-event"),
  FLAG("flag"),
  DEAD_LETTER("dead-letter");

  private final String schemaName;

  Payload(String schemaName) {
    this.schemaName = schemaName;
  }

  /** The short name used in messages and schema file names, e.g. {@code sync-event}. */
  public String label() {
    return schemaName;
  }

  /** Classpath location of the key schema. */
  public String keySchema() {
    return "/contract/" + schemaName + ".key.schema.json";
  }

  /** Classpath location of the value schema. */
  public String valueSchema() {
    return "/contract/" + schemaName + ".value.schema.json";
  }
}
