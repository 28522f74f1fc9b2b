package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.core.Settings;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The processor on Kafka Streams' mock context: no broker, no database. */
class LatestStateProcessorTest {
  private final StreamsAppConfig config =
      StreamsAppConfig.from(Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of()));
  private final RecordingWriter writer = new RecordingWriter();

  @Test
  void aProcessorInitialisedAgainForgetsWhatItHeldBeforeAndWritesOnlyItsStoresStates() {
    LatestStateProcessor processor =
        new LatestStateProcessor(config, () -> writer, () -> null, InputLag.UNKNOWN, () -> false);
    processor.init(context(store()));
    processor.process(new Record<>(1L, event(11, 1), 0));

    // Kafka Streams may initialise the same processor again, e.g. when it revives a task whose
    // local state it found corrupted; the store is rebuilt from the changelog, which here holds
    // another resource's state only.
    KeyValueStore<Long, ResourceState> restored = store();
    MockProcessorContext<Void, Void> revived = context(restored);
    restored.put(2L, new ResourceState(event(22, 2), 0));
    processor.init(revived);
    processor.close(); // a clean close writes what waits

    assertThat(writer.written).containsExactly(List.of(2L));
    assertThat(writer.marked).containsExactly(List.of());
  }

  private static MockProcessorContext<Void, Void> context(
      KeyValueStore<Long, ResourceState> state) {
    MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(1_000);
    KeyValueStore<String, byte[]> flags =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SyncTopology.FLAG_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    flags.init(context.getStateStoreContext(), flags);
    state.init(context.getStateStoreContext(), state);
    context.addStateStore(flags);
    context.addStateStore(state);
    return context;
  }

  private static KeyValueStore<Long, ResourceState> store() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SyncTopology.STATE_STORE),
            Serdes.Long(),
            ResourceStateSerde.create())
        .withLoggingDisabled()
        .build();
  }

  private static SyncEvent event(long id, long resource) {
    return new SyncEvent(
        id, resource, 100 + resource, "n", "d", 0, Instant.now(), null, null, null);
  }

  /** Remembers which resources each write carried and which queue rows it marked. */
  private static final class RecordingWriter implements SyncWriter {
    final List<List<Long>> written = new ArrayList<>();
    final List<List<Long>> marked = new ArrayList<>();

    @Override
    public ApplyResult apply(List<StateWrite> batch, long[] coveredEventIds) {
      written.add(batch.stream().map(StateWrite::resourceId).toList());
      List<Long> ids = new ArrayList<>();
      for (long id : coveredEventIds) {
        ids.add(id);
      }
      marked.add(ids);
      return new ApplyResult(batch.size(), batch.size(), coveredEventIds.length);
    }

    @Override
    public OptionalLong newestEventMillis() {
      return OptionalLong.empty();
    }

    @Override
    public void close() {}
  }
}
