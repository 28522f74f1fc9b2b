package dev.catalogsync.core;

import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics catalog-sync creates when they are missing, and their creation. Existing topics are
 * left as they are: an operator may have sized them differently.
 */
public final class Topics {
  private static final Logger LOG = LoggerFactory.getLogger(Topics.class);
  private static final long CALL_SECONDS = 15;

  private Topics() {}

  /** A topic of which only the newest record per key matters, so compaction keeps it whole. */
  public static NewTopic compacted(String name, int partitions, short replicationFactor) {
    return topic(name, partitions, replicationFactor, TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  /** A topic of which every record matters (dead letters): kept by time like any log. */
  public static NewTopic keptByTime(String name, int partitions, short replicationFactor) {
    return topic(name, partitions, replicationFactor, TopicConfig.CLEANUP_POLICY_DELETE);
  }

  private static NewTopic topic(String name, int partitions, short replication, String policy) {
    Optional<Short> factor = replication < 0 ? Optional.empty() : Optional.of(replication);
    return new NewTopic(name, Optional.of(partitions), factor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy));
  }

  /**
   * Creates the topics that are missing, retrying while Kafka is unreachable until {@code
   * deadline}. Another instance creating one at the same moment is fine.
   *
   * @param adminSettings the Kafka client settings, bootstrap servers included
   * @throws IllegalStateException when Kafka could not be reached in time, or refused
   */
  public static void createMissing(
      Map<String, Object> adminSettings, List<NewTopic> topics, Instant deadline, Backoff backoff)
      throws InterruptedException {
    Map<String, Object> settings = new HashMap<>(adminSettings);
    settings.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    settings.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    Object servers = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin admin = Admin.create(settings)) {
      for (int attempt = 1; ; attempt++) {
        try {
          createMissing(admin, topics);
          return;
        } catch (ExecutionException | TimeoutException e) {
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          Duration delay = backoff.delay(attempt);
          if (Instant.now().plus(delay).isAfter(deadline)) {
            throw new IllegalStateException(
                "cannot create topics on Kafka at " + servers + ": " + ErrorText.oneLine(cause),
                cause);
          }
          LOG.warn(
              "Kafka not ready for topic setup ({}); retrying in {} ms",
              ErrorText.oneLine(cause),
              delay.toMillis());
          Thread.sleep(delay.toMillis());
        }
      }
    }
  }

  private static void createMissing(Admin admin, List<NewTopic> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(CALL_SECONDS, TimeUnit.SECONDS);
    List<String> created = new ArrayList<>();
    for (NewTopic topic : topics) {
      if (existing.contains(topic.name())) {
        continue;
      }
      try {
        admin.createTopics(List.of(topic)).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        created.add(topic.name());
        LOG.info(
            "created topic {} ({} partitions, cleanup.policy={})",
            topic.name(),
            topic.numPartitions(),
            topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    awaitLeaders(admin, created);
  }

  /**
   * Returns once every partition of the topics has a leader: a client that writes right after
   * creation would otherwise find no partition to write to for a moment.
   */
  private static void awaitLeaders(Admin admin, List<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CALL_SECONDS);
    while (!topics.isEmpty()) {
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(CALL_SECONDS, TimeUnit.SECONDS);
      boolean led =
          described.values().stream()
              .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null));
      if (led) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("created topics have no leader yet: " + topics);
      }
      Thread.sleep(50);
    }
  }
}
