package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.core.Settings;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The topics the connector creates when missing, and how. */
class TopicSetupTest {

  @Test
  void theDeadLetterTopicIsKeptByTimeNotCompacted() {
    ConnectorConfig config =
        ConnectorConfig.from(
            Settings.load(ConnectorConfig.DEFAULTS_RESOURCE, null, Map.of())
                .with(Map.of("database.user", "postgres", "topic.partitions", "6")));

    Map<String, NewTopic> topics =
        TopicSetup.required(config).stream()
            .collect(java.util.stream.Collectors.toMap(NewTopic::name, t -> t));

    assertThat(topics)
        .containsOnlyKeys(
            "catalog-sync.sync-events",
            "catalog-sync.connector-offsets",
            "catalog-sync.dead-letter");
    NewTopic letters = topics.get("catalog-sync.dead-letter");
    assertThat(letters.configs()).containsEntry("cleanup.policy", "delete");
    assertThat(letters.numPartitions()).isEqualTo(6);
    assertThat(letters.replicationFactor()).isEqualTo((short) -1); // the broker's default
    assertThat(topics.get("catalog-sync.sync-events").configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(Optional.of(topics.get("catalog-sync.connector-offsets").numPartitions()))
        .contains(1);
  }
}
