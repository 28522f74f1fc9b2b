package dev.catalogsync.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
 * Creates the topics the connector writes to when they are missing. The sync topic and the offsets
 * topic are compacted: the first only needs the newest event per resource, the second only the
 * newest position. The dead-letter topic is not: every letter matters, so it is kept by time
 * (cleanup.policy=delete). Existing topics are left alone (an operator may have sized them
 * differently).
 */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /** The topics this configuration needs, as they would be created. */
  public static List<NewTopic> required(ConnectorConfig config) {
    Optional<Short> replication =
        config.replicationFactor() < 0 ? Optional.empty() : Optional.of(config.replicationFactor());
    Map<String, String> compact =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    List<NewTopic> topics = new ArrayList<>();
    topics.add(
        new NewTopic(config.syncTopic(), Optional.of(config.partitions()), replication)
            .configs(compact));
    if (config.offsetStorage() == OffsetStorage.KAFKA) {
      topics.add(new NewTopic(config.offsetsTopic(), Optional.of(1), replication).configs(compact));
    }
    // The same partitions as the streams app gives it, should the connector create it first.
    topics.add(
        new NewTopic(config.deadLetterTopic(), Optional.of(config.partitions()), replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
    return topics;
  }

  /**
   * Creates what is missing, retrying while Kafka is unreachable until {@code deadline}.
   *
   * @throws IllegalStateException when Kafka could not be reached in time
   */
  public static void ensure(ConnectorConfig config, Instant deadline) throws InterruptedException {
    Properties props = new Properties();
    props.putAll(config.kafkaClient());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.name() + "-admin");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(props)) {
      for (int attempt = 1; ; attempt++) {
        try {
          createMissing(admin, required(config));
          return;
        } catch (ExecutionException | TimeoutException e) {
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          Duration delay = config.retry().delay(attempt);
          if (Instant.now().plus(delay).isAfter(deadline)) {
            throw new IllegalStateException(
                "cannot create topics on Kafka at " + config.bootstrapServers() + ": " + cause,
                cause);
          }
          LOG.warn(
              "Kafka not ready for topic setup ({}); retrying in {} ms", cause, delay.toMillis());
          Thread.sleep(delay.toMillis());
        }
      }
    }
  }

  private static void createMissing(Admin admin, List<NewTopic> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
    for (NewTopic topic : topics) {
      if (existing.contains(topic.name())) {
        continue;
      }
      try {
        admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
        LOG.info(
            "created topic {} ({} partitions, cleanup.policy={})",
            topic.name(),
            topic.numPartitions(),
            topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e; // another instance creating it at the same moment is fine, anything else is not
        }
      }
    }
  }
}
