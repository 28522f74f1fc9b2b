package dev.catalogsync.streams;

import dev.catalogsync.core.DatabaseSettings;
import dev.catalogsync.core.Settings;
import dev.catalogsync.streams.queue.RotationPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * Validated configuration of the streams app. Built only through {@link #from(Settings)}, which
 * fails with a message naming the offending key.
 *
 * @param database where projects, catalog_resources and the queue live
 * @param bootstrapServers Kafka bootstrap servers
 * @param kafkaClient every other {@code kafka.*} key without its prefix (security settings): given
 *     to every Kafka client of the app; never printed
 * @param topics names and creation settings of the topics the app reads and writes
 * @param applicationId Kafka Streams application id (shared by all instances)
 * @param stateDir local state directory, or null for Kafka Streams' default
 * @param apply the batched writer's settings
 * @param flag the flag that gates writing
 * @param reconcile the reconciler's settings
 * @param verify continuous verification's settings
 * @param catchUp the catch-up from the database while far behind
 * @param queue the queue's rotation
 * @param kafkaStreams properties passed through to Kafka Streams unchanged
 */
public record StreamsAppConfig(
    Database database,
    String bootstrapServers,
    Map<String, String> kafkaClient,
    Topics topics,
    String applicationId,
    String stateDir,
    Apply apply,
    Flag flag,
    Reconcile reconcile,
    Verify verify,
    CatchUp catchUp,
    Queue queue,
    Map<String, String> kafkaStreams) {

  /** The defaults file on the classpath, shared layout with the other services. */
  public static final String DEFAULTS_RESOURCE = "/catalog-sync-streams.properties";

  public static final String PASS_THROUGH_PREFIX = "kafka-streams.";

  /** Topic names, and how to create the ones that are missing. */
  public record Topics(
      String syncEvents,
      String flags,
      String deadLetter,
      int partitions,
      short replicationFactor) {}

  /**
   * Batched writer: tick, resources per statement, longest wait while behind, resources that may
   * wait at most, first retry wait, how long every write may fail before health is not ready.
   */
  public record Apply(
      Duration interval,
      int batchSize,
      Duration maxDeferral,
      int maxUnwrittenResources,
      Duration retryBackoff,
      Duration unreadyAfter) {}

  /** The gating flag and its value when no record says otherwise. */
  public record Flag(String name, boolean defaultEnabled) {}

  /** Reconciler: tick, age before a pending row is taken, rows per transaction, time per run. */
  public record Reconcile(Duration interval, Duration grace, int batchSize, Duration timeBudget) {}

  /**
   * Continuous verification: tick ({@link Duration#ZERO} when off), resources per tick, how young a
   * pending event is in flight, whether drift is repaired.
   */
  public record Verify(Duration interval, int batchSize, Duration grace, boolean repair) {
    public boolean enabled() {
      return !interval.isZero();
    }
  }

  /**
   * Catch-up from the database while far behind: whether it may run, the pending events that start
   * it, how old a pending row must be for it to take it, queue rows per window (one statement), how
   * often each instance looks.
   */
  public record CatchUp(
      boolean enabled,
      int pendingThreshold,
      Duration grace,
      int batchSize,
      Duration checkInterval) {}

  /**
   * Queue rotation: on or off, the age of the active partition's oldest row that starts the next,
   * how long a detached partition is kept, the connector's slot that must have read a partition.
   */
  public record Queue(boolean rotate, Duration partitionDuration, Duration retention, String slot) {
    public RotationPolicy policy() {
      return new RotationPolicy(partitionDuration, retention);
    }
  }

  public StreamsAppConfig {
    kafkaStreams = Map.copyOf(kafkaStreams);
  }

  /** Reads and validates every key; throws a ConfigException naming the first bad one. */
  public static StreamsAppConfig from(Settings s) {
    renamed(s, "apply.max-pending-resources", "apply.max-unwritten-resources");
    DatabaseSettings db = DatabaseSettings.from(s);
    Database database =
        new Database(
            db.url(),
            db.user(),
            db.password(),
            s.millis("database.statement-timeout.ms"),
            s.millis("database.lock-timeout.ms"));
    Topics topics =
        new Topics(
            s.topicName("topic.sync-events"),
            s.topicName("topic.flags"),
            s.topicName("topic.dead-letter"),
            s.positiveInt("topic.partitions"),
            s.replicationFactor("topic.replication-factor"));
    Apply apply =
        new Apply(
            s.millis("apply.interval.ms"),
            s.positiveInt("apply.batch-size"),
            s.millis("apply.max-deferral.ms"),
            s.positiveInt("apply.max-unwritten-resources"),
            s.millis("apply.retry-backoff.ms"),
            s.millis("apply.unready-after.ms"));
    Flag flag = new Flag(flagName(s, "flag.name"), s.bool("flag.default"));
    Reconcile reconcile =
        new Reconcile(
            s.millis("reconcile.interval.ms"),
            s.millis("reconcile.grace.ms"),
            s.positiveInt("reconcile.batch-size"),
            s.millis("reconcile.time-budget.ms"));
    Verify verify =
        new Verify(
            s.millisOrOff("verify.interval.ms"),
            s.positiveInt("verify.batch-size"),
            s.millis("verify.grace.ms"),
            s.bool("verify.repair"));
    CatchUp catchUp =
        new CatchUp(
            s.bool("catchup.enabled"),
            s.positiveInt("catchup.pending-threshold"),
            s.millis("catchup.grace.ms"),
            s.positiveInt("catchup.batch-size"),
            s.millis("catchup.check-interval.ms"));
    Queue queue =
        new Queue(
            s.bool("queue.rotate"),
            s.millis("queue.partition-duration"),
            s.millis("queue.retention"),
            s.slotName("connector.slot"));
    return new StreamsAppConfig(
        database,
        s.string("kafka.bootstrap.servers"),
        s.kafkaClient(),
        topics,
        s.string("streams.application-id"),
        s.optional("streams.state-dir"),
        apply,
        flag,
        reconcile,
        verify,
        catchUp,
        queue,
        s.passThrough(PASS_THROUGH_PREFIX));
  }

  /** Never print the Kafka client settings' values: they may hold credentials. */
  @Override
  public String toString() {
    return "StreamsAppConfig[database="
        + database
        + ", kafka="
        + bootstrapServers
        + ", kafkaClient="
        + kafkaClient.keySet()
        + ", topics="
        + topics
        + ", applicationId="
        + applicationId
        + "]";
  }

  private static String flagName(Settings s, String key) {
    String value = s.string(key);
    // Same rule as the flag topic's key schema, so a typo cannot silently never match.
    if (!value.matches("[a-z][a-z0-9_]{0,127}")) {
      throw Settings.invalid(key, value, "must be lower case letters, digits and _");
    }
    return value;
  }

  /** A key an earlier version read: failing names the new one, instead of ignoring the value. */
  private static void renamed(Settings s, String old, String now) {
    String value = s.asMap().get(old);
    if (value != null) {
      throw Settings.invalid(old, value, "was renamed to " + now);
    }
  }
}
