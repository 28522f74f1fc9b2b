package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.ContractViolation;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.schemas.contract.Payload;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers "is the flag on?" from the global flag store, falling back to the configured default. */
final class FlagGate {
  private static final Logger LOG = LoggerFactory.getLogger(FlagGate.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final StreamsAppConfig.Flag flag;
  private Boolean lastSeen;

  FlagGate(ReadOnlyKeyValueStore<String, byte[]> store, StreamsAppConfig.Flag flag) {
    this.store = store;
    this.flag = flag;
  }

  boolean enabled() {
    boolean enabled = read();
    if (lastSeen == null || lastSeen != enabled) {
      LOG.info("flag {} is {}", flag.name(), enabled ? "on: applying" : "off: only accumulating");
      lastSeen = enabled;
    }
    return enabled;
  }

  /** The flag's value without logging a change: for health, which asks often. */
  boolean peek() {
    return read();
  }

  private boolean read() {
    byte[] raw = store.get(flag.name());
    if (raw == null) {
      return flag.defaultEnabled();
    }
    try {
      return Contract.decode(Payload.FLAG, raw, FlagRecord.class).enabled();
    } catch (ContractViolation e) {
      // FlagUpdater only stores valid records, and Kafka Streams restores a global store with a
      // custom processor through that processor, so this is defensive only.
      LOG.warn(
          "flag {} holds an unreadable value, using the default: {}", flag.name(), e.getMessage());
      return flag.defaultEnabled();
    }
  }
}
