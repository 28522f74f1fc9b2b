package dev.catalogsync.connector;

import dev.catalogsync.core.Settings;
import java.util.Locale;

/** Where the engine keeps how far it got in the replication stream. */
public enum OffsetStorage {
  /** A compacted Kafka topic: survives the loss of the connector's machine. */
  KAFKA(ClosingKafkaOffsetStore.class.getName()),
  /** A local file: for the dev mode, where losing it only means replaying from the slot. */
  FILE("org.apache.kafka.connect.storage.FileOffsetBackingStore");

  private final String storeClass;

  OffsetStorage(String storeClass) {
    this.storeClass = storeClass;
  }

  /** The Kafka Connect class Debezium instantiates for {@code offset.storage}. */
  public String storeClass() {
    return storeClass;
  }

  static OffsetStorage parse(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "kafka" -> KAFKA;
      case "file" -> FILE;
      default -> throw Settings.invalid(key, value, "must be kafka or file");
    };
  }
}
