package dev.catalogsync.streams;

import dev.catalogsync.core.Settings;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * {@link SyncTopology} under Kafka Streams' TopologyTestDriver, one instance with a state directory
 * of its own, writing through a {@link CountingWriter}: its topics and its wall clock.
 */
final class DrivenTopology implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(50);
  static final String FLAG = FlagRecord.PROCESS_SYNC_EVENTS;

  final CountingWriter writer;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> syncEvents;
  private final TestInputTopic<String, byte[]> flags;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  /**
   * @param startedAt the driver's wall clock at the start
   */
  DrivenTopology(StreamsAppConfig config, SyncWriter writer, Path stateDir, Instant startedAt) {
    this(config, writer, stateDir, startedAt, () -> false);
  }

  /**
   * @param catchingUp whether the instance's catch-up from the database runs
   */
  DrivenTopology(
      StreamsAppConfig config,
      SyncWriter writer,
      Path stateDir,
      Instant startedAt,
      BooleanSupplier catchingUp) {
    this.writer = new CountingWriter(writer);
    CountingWriter current = this.writer;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            SyncTopology.build(config, () -> current, InputLag.UNKNOWN, catchingUp),
            props,
            startedAt);
    syncEvents =
        driver.createInputTopic(
            config.topics().syncEvents(), new StringSerializer(), new ByteArraySerializer());
    flags =
        driver.createInputTopic(
            config.topics().flags(), new StringSerializer(), new ByteArraySerializer());
    deadLetters =
        driver.createOutputTopic(
            config.topics().deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The settings topology tests share: short tick, batches of 50, the reconciler far away unless a
   * test moves it closer (most tests are about the stream alone).
   */
  static StreamsAppConfig config(String databaseUrl, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("database.url", databaseUrl);
    values.put("topic.sync-events", "sync-events");
    values.put("topic.flags", "flags");
    values.put("topic.dead-letter", "dead-letter");
    values.put("apply.interval.ms", Long.toString(TICK.toMillis()));
    values.put("apply.batch-size", "50");
    values.put("reconcile.interval.ms", "3600000");
    values.put("reconcile.grace.ms", "1");
    values.putAll(overrides);
    return StreamsAppConfig.from(
        Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of()).with(values));
  }

  void publish(List<SyncEvent> events) {
    for (SyncEvent event : events) {
      syncEvents.pipeInput(event.key(), Contract.encode(Payload.SYNC_EVENT, event));
    }
  }

  void publishRaw(String key, String value) {
    syncEvents.pipeInput(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  void setFlag(boolean enabled) {
    flags.pipeInput(
        FLAG,
        Contract.encode(Payload.FLAG, new FlagRecord(enabled, Instant.now(), "topology test")));
  }

  /** A flag record as given: malformed ones, tombstones (null). */
  void pipeFlag(String key, byte[] value) {
    flags.pipeInput(key, value);
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  /** Moves the wall clock on; the punctuators that are due run. */
  void advanceWallClockTime(Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** Stops the instance as Kafka Streams does on a clean shutdown. */
  @Override
  public void close() {
    driver.close();
  }
}
