package dev.catalogsync.connector;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;

/**
 * Kafka Connect's offset store in a Kafka topic, closing the admin client it uses when it stops.
 * Debezium 3.6.1 builds the stock store with an admin client that nothing ever closes, so every
 * engine (re)start leaks one client and its thread, which keeps reconnecting to the broker. The
 * engine instantiates this class by name (no-argument constructor), then configures and starts it.
 */
public final class ClosingKafkaOffsetStore extends KafkaOffsetBackingStore {
  private final AdminHolder admin;

  public ClosingKafkaOffsetStore() {
    this(new AdminHolder());
  }

  private ClosingKafkaOffsetStore(AdminHolder admin) {
    super(admin, () -> "catalog-sync-connector-", offsetConverter());
    this.admin = admin;
  }

  @Override
  public void configure(WorkerConfig config) {
    // The engine's settings hold the connector's too; the admin client takes only its own, the
    // bootstrap servers and any security settings among them.
    Set<String> adminKeys = AdminClientConfig.configNames();
    Map<String, Object> settings = new HashMap<>();
    config
        .originals()
        .forEach(
            (k, v) -> {
              if (adminKeys.contains(k)) {
                settings.put(k, v);
              }
            });
    settings.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)));
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "catalog-sync-connector-offsets-admin");
    admin.settings = settings;
    super.configure(config);
  }

  @Override
  public void stop() {
    try {
      super.stop();
    } finally {
      admin.close();
    }
  }

  /** The same JSON layout as Debezium's stock store, so existing offset topics stay readable. */
  private static Converter offsetConverter() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), true);
    return converter;
  }

  /** Creates the admin client on first use (after configure) and owns it. */
  private static final class AdminHolder implements Supplier<TopicAdmin> {
    private volatile Map<String, Object> settings;
    private SharedTopicAdmin shared;

    @Override
    public synchronized TopicAdmin get() {
      if (shared == null) {
        shared = new SharedTopicAdmin(settings);
      }
      return shared.get();
    }

    synchronized void close() {
      if (shared != null) {
        shared.close();
        shared = null;
      }
    }
  }
}
