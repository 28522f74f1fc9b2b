package dev.catalogsync.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the app needs when they are missing; existing topics are left as they are.
 * Kafka Streams creates its own internal topics, but not its source topics nor the sink.
 */
final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicCreator() {}

  /** The topics, as the app would create them. */
  static List<NewTopic> wanted(StreamsAppConfig config) {
    StreamsAppConfig.Topics t = config.topics();
    Optional<Integer> partitions = Optional.of(t.partitions());
    Optional<Short> replication =
        t.replicationFactor() < 0 ? Optional.empty() : Optional.of(t.replicationFactor());
    Map<String, String> compacted =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    return List.of(
        // Only the newest event per resource matters, so compaction keeps a replay complete.
        new NewTopic(t.syncEvents(), partitions, replication).configs(compacted),
        // One partition: flags are few and every instance reads all of them anyway.
        new NewTopic(t.flags(), Optional.of(1), replication).configs(compacted),
        // Dead letters are evidence, kept by time like any log.
        new NewTopic(t.deadLetter(), partitions, replication));
  }

  static void createMissing(StreamsAppConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic topic : wanted(config)) {
        if (!existing.contains(topic.name())) {
          missing.add(topic);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another instance may have created it in between: that is fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      missing.forEach(t -> LOG.info("created topic {}", t.name()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at "
              + config.bootstrapServers()
              + " did not answer within "
              + TIMEOUT_SECONDS
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
