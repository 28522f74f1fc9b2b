package dev.catalogsync.streams;

import dev.catalogsync.core.Backoff;
import dev.catalogsync.core.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics the app needs when they are missing. Kafka Streams creates its own internal
 * topics, but not its source topics nor the sink.
 */
final class TopicCreator {
  /** How long start waits for Kafka to answer before it fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final Backoff RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  private TopicCreator() {}

  /** The topics, as the app would create them. */
  static List<NewTopic> wanted(StreamsAppConfig config) {
    StreamsAppConfig.Topics t = config.topics();
    return List.of(
        // Only the newest event per resource matters, so compaction keeps a replay complete.
        Topics.compacted(t.syncEvents(), t.partitions(), t.replicationFactor()),
        // One partition: flags are few and every instance reads all of them anyway.
        Topics.compacted(t.flags(), 1, t.replicationFactor()),
        // Dead letters are evidence, kept by time like any log.
        Topics.keptByTime(t.deadLetter(), t.partitions(), t.replicationFactor()));
  }

  static void createMissing(StreamsAppConfig config) {
    Map<String, Object> admin = new HashMap<>(config.kafkaClient());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try {
      Topics.createMissing(admin, wanted(config), Instant.now().plus(PATIENCE), RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
