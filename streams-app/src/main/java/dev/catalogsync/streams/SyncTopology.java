package dev.catalogsync.streams;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processing graph, separate from its wiring so tests drive the same topology:
 *
 * <pre>
 *   sync-events topic ──> parse ──(valid)──> latest-state ──(punctuators)──> PostgreSQL
 *                           │                  │  ▲
 *                           │(invalid)         │  └── reads flag store (global, from flags topic)
 *                           ▼                  ▼
 *                    dead-letter topic   latest-state store (persistent, changelogged)
 * </pre>
 */
public final class SyncTopology {
  static final String SOURCE = "sync-events";
  static final String PARSE = "parse";
  static final String LATEST = "latest-state";
  static final String DEAD_LETTER_SINK = "dead-letter";
  static final String STATE_STORE = "latest-state-store";
  static final String FLAG_STORE = "flag-store";
  static final String FLAG_SOURCE = "flags";
  static final String FLAG_UPDATER = "flag-updater";

  private SyncTopology() {}

  /** The topology writing through JDBC to the configured database. */
  public static Topology build(StreamsAppConfig config) {
    return build(
        config, InputLag.UNKNOWN, new WriteHealth(config.apply().unreadyAfter()), () -> false);
  }

  /**
   * The topology writing through JDBC, told by the consumer where a backlog ends, reporting whether
   * its writes succeed, told whether the {@link CatchUp} runs.
   */
  static Topology build(
      StreamsAppConfig config, InputLag inputLag, WriteHealth health, BooleanSupplier catchingUp) {
    return build(
        config,
        () ->
            new MeteredSyncWriter(
                new JdbcSyncWriter(config.database()), SyncMetrics.global(), health),
        inputLag,
        catchingUp);
  }

  /** The topology with a given writer per task (tests wrap the JDBC writer to observe it). */
  public static Topology build(StreamsAppConfig config, Supplier<SyncWriter> writers) {
    return build(config, writers, InputLag.UNKNOWN, () -> false);
  }

  static Topology build(
      StreamsAppConfig config,
      Supplier<SyncWriter> writers,
      InputLag inputLag,
      BooleanSupplier catchingUp) {
    Supplier<Reconciler> reconcilers = () -> new Reconciler(config.database(), config.reconcile());
    StoreBuilder<KeyValueStore<Long, ResourceState>> state =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.Long(),
                ResourceStateSerde.create())
            // Repeated puts of one resource between commits reach RocksDB and the changelog once.
            .withCachingEnabled();
    // Global stores are rebuilt from their topic, so they take no changelog; every processor can
    // read one without being connected to it.
    StoreBuilder<KeyValueStore<String, byte[]>> flags =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FLAG_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled();

    Topology topology = new Topology();
    topology.addSource(
        SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        config.topics().syncEvents());
    topology.addProcessor(PARSE, () -> new ParseProcessor(LATEST, DEAD_LETTER_SINK), SOURCE);
    topology.addProcessor(
        LATEST,
        () -> new LatestStateProcessor(config, writers, reconcilers, inputLag, catchingUp),
        PARSE);
    topology.addStateStore(state, LATEST);
    topology.addSink(
        DEAD_LETTER_SINK,
        config.topics().deadLetter(),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer(),
        PARSE);
    topology.addGlobalStore(
        flags,
        FLAG_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        config.topics().flags(),
        FLAG_UPDATER,
        () -> new FlagUpdater(FLAG_STORE));
    return topology;
  }
}
