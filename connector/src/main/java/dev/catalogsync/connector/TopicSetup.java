package dev.catalogsync.connector;

import dev.catalogsync.core.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics the connector writes to, created when missing. The sync topic and the offsets topic
 * are compacted: the first only needs the newest event per resource, the second only the newest
 * position. The dead-letter topic is kept by time: every letter matters.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /** The topics this configuration needs, as they would be created. */
  public static List<NewTopic> required(ConnectorConfig config) {
    short replication = config.replicationFactor();
    List<NewTopic> topics = new ArrayList<>();
    topics.add(Topics.compacted(config.syncTopic(), config.partitions(), replication));
    if (config.offsetStorage() == OffsetStorage.KAFKA) {
      topics.add(Topics.compacted(config.offsetsTopic(), 1, replication));
    }
    // The same partitions as the streams app gives it, should the connector create it first.
    topics.add(Topics.keptByTime(config.deadLetterTopic(), config.partitions(), replication));
    return topics;
  }

  /**
   * Creates what is missing, retrying while Kafka is unreachable until {@code deadline}.
   *
   * @throws IllegalStateException when Kafka could not be reached in time
   */
  public static void ensure(ConnectorConfig config, Instant deadline) throws InterruptedException {
    Map<String, Object> admin = new HashMap<>(config.kafkaClient());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, config.name() + "-admin");
    Topics.createMissing(admin, required(config), deadline, config.retry());
  }
}
