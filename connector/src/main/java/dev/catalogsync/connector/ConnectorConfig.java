package dev.catalogsync.connector;

import dev.catalogsync.core.Backoff;
import dev.catalogsync.core.DatabaseAddress;
import dev.catalogsync.core.DatabaseSettings;
import dev.catalogsync.core.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the connector needs, validated once at start so a bad value fails before anything
 * connects, with a message naming the key (and its environment variable).
 *
 * @param databaseUrl JDBC URL as configured ({@code database.url})
 * @param database host, port and name parsed from it, for Debezium
 * @param user database user ({@code database.user}, or the URL's user parameter)
 * @param password database password; empty when none
 * @param bootstrapServers {@code kafka.bootstrap.servers}
 * @param kafkaClient every other {@code kafka.*} key without its prefix (security settings): given
 *     to every Kafka client, Debezium's offset store included; never printed
 * @param syncTopic {@code topic.sync-events}
 * @param deadLetterTopic {@code topic.dead-letter}: where events Kafka rejected for good go
 * @param partitions {@code topic.partitions}, used when the topic is created
 * @param replicationFactor {@code topic.replication-factor}; -1 for the broker default
 * @param name {@code connector.name}: engine name and Debezium topic prefix
 * @param slot {@code connector.slot}
 * @param publication {@code connector.publication}
 * @param offsetStorage {@code connector.offset-storage}
 * @param offsetsTopic {@code connector.offsets-topic}
 * @param offsetsFile {@code connector.offsets-file}; null unless offset storage is a file
 * @param offsetFlushInterval {@code connector.offset-flush-interval.ms}
 * @param heartbeatInterval {@code connector.heartbeat-interval.ms}
 * @param pollInterval {@code connector.poll-interval.ms}
 * @param startTimeout {@code connector.start-timeout.ms}
 * @param stallTimeout {@code connector.stall-timeout.ms}: silence after which health is not ready
 * @param stallHeartbeats {@code connector.stall-heartbeats}: heartbeat intervals the slot may go
 *     without advancing while events are pending before health is not ready; 0 for off
 * @param slotMaxRetainedWalMegabytes {@code connector.slot-max-retained-wal-mb}: WAL the slot may
 *     retain before health is not ready
 * @param retry {@code connector.retry-backoff-initial.ms} and {@code
 *     connector.retry-backoff-max.ms}
 * @param debezium every {@code debezium.*} key without its prefix; wins over what we set
 */
public record ConnectorConfig(
    String databaseUrl,
    DatabaseAddress database,
    String user,
    String password,
    String bootstrapServers,
    Map<String, String> kafkaClient,
    String syncTopic,
    String deadLetterTopic,
    int partitions,
    short replicationFactor,
    String name,
    String slot,
    String publication,
    OffsetStorage offsetStorage,
    String offsetsTopic,
    Path offsetsFile,
    Duration offsetFlushInterval,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration startTimeout,
    Duration stallTimeout,
    int stallHeartbeats,
    int slotMaxRetainedWalMegabytes,
    Backoff retry,
    Map<String, String> debezium) {

  /** Where the defaults live on the classpath, for {@link Settings#load}. */
  public static final String DEFAULTS_RESOURCE = "/catalog-sync-connector.properties";

  public ConnectorConfig {
    kafkaClient = Map.copyOf(kafkaClient);
    debezium = Map.copyOf(debezium);
  }

  /** Reads and checks every connector setting; throws ConfigException naming the bad key. */
  public static ConnectorConfig from(Settings settings) {
    DatabaseSettings db = DatabaseSettings.from(settings);

    OffsetStorage storage =
        OffsetStorage.parse(
            "connector.offset-storage", settings.string("connector.offset-storage"));
    Path offsetsFile = null;
    if (storage == OffsetStorage.FILE) {
      offsetsFile = Path.of(settings.string("connector.offsets-file"));
    }
    Duration backoffInitial = settings.millis("connector.retry-backoff-initial.ms");
    Duration backoffMax = settings.millis("connector.retry-backoff-max.ms");
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw Settings.invalid(
          "connector.retry-backoff-max.ms",
          Long.toString(backoffMax.toMillis()),
          "must not be below connector.retry-backoff-initial.ms");
    }

    Duration heartbeat = settings.millis("connector.heartbeat-interval.ms");
    Duration stall = settings.millis("connector.stall-timeout.ms");
    if (stall.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw Settings.invalid(
          "connector.stall-timeout.ms",
          Long.toString(stall.toMillis()),
          "must be at least twice connector.heartbeat-interval.ms (" + heartbeat.toMillis() + ")");
    }

    String syncTopic = settings.topicName("topic.sync-events");
    String offsetsTopic = settings.topicName("connector.offsets-topic");
    String deadLetterTopic = settings.topicName("topic.dead-letter");
    // The streams app reads the sync topic and writes its own dead letters: one topic for both
    // would feed every letter back as a bad event.
    if (deadLetterTopic.equals(syncTopic)
        || (storage == OffsetStorage.KAFKA && deadLetterTopic.equals(offsetsTopic))) {
      throw Settings.invalid(
          "topic.dead-letter",
          deadLetterTopic,
          "must differ from topic.sync-events and connector.offsets-topic");
    }

    return new ConnectorConfig(
        db.url(),
        db.address(),
        db.requireUser(),
        db.password() == null ? "" : db.password(),
        settings.string("kafka.bootstrap.servers"),
        settings.kafkaClient(),
        syncTopic,
        deadLetterTopic,
        settings.positiveInt("topic.partitions"),
        settings.replicationFactor("topic.replication-factor"),
        settings.string("connector.name"),
        settings.slotName("connector.slot"),
        settings.string("connector.publication"),
        storage,
        offsetsTopic,
        offsetsFile,
        settings.millis("connector.offset-flush-interval.ms"),
        heartbeat,
        settings.millis("connector.poll-interval.ms"),
        settings.millis("connector.start-timeout.ms"),
        stall,
        stallHeartbeats(settings),
        settings.positiveInt("connector.slot-max-retained-wal-mb"),
        new Backoff(backoffInitial, backoffMax),
        settings.passThrough("debezium."));
  }

  /**
   * Whether a {@code debezium.heartbeat.interval.ms} pass-through turned the heartbeats off: then
   * nothing moves the slot while the queue is quiet.
   */
  boolean heartbeatsOff() {
    String value = debezium.get("heartbeat.interval.ms");
    if (value == null) {
      return false;
    }
    try {
      return Long.parseLong(value.trim()) <= 0;
    } catch (NumberFormatException e) {
      return false; // Debezium rejects it at start
    }
  }

  /** Never print the password: configs end up in logs. */
  @Override
  public String toString() {
    return "ConnectorConfig[database="
        + database.host()
        + ":"
        + database.port()
        + "/"
        + database.database()
        + ", user="
        + user
        + ", kafka="
        + bootstrapServers
        + ", topic="
        + syncTopic
        + ", dead-letter="
        + deadLetterTopic
        + ", name="
        + name
        + ", slot="
        + slot
        + ", publication="
        + publication
        + ", offsets="
        + (offsetStorage == OffsetStorage.KAFKA ? "kafka:" + offsetsTopic : "file:" + offsetsFile)
        + "]";
  }

  // One interval is too few: the slot is confirmed at the offset flush after a heartbeat, so its
  // position can stand still for up to a heartbeat and a flush while all is well.
  private static int stallHeartbeats(Settings settings) {
    String key = "connector.stall-heartbeats";
    String value = settings.string(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed == 0 || parsed >= 2) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Settings.invalid(key, value, "must be 0 (off) or a whole number of at least 2");
  }
}
