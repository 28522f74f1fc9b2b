package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.ContractViolation;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.schemas.contract.Payload;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the global flag store from the flag topic: a valid record replaces the flag's value, a
 * tombstone removes it (back to the default), a malformed record is logged and ignored so the last
 * good value stays in force.
 */
final class FlagUpdater implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(FlagUpdater.class);

  private final String storeName;
  private KeyValueStore<String, byte[]> store;

  FlagUpdater(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String name = record.key();
    if (name == null) {
      LOG.warn("ignoring a flag record without key");
      return;
    }
    if (record.value() == null) {
      store.delete(name);
      LOG.info("flag {} reset to its default (tombstone)", name);
      return;
    }
    try {
      Contract.checkKey(Payload.FLAG, name);
      FlagRecord flag = Contract.decode(Payload.FLAG, record.value(), FlagRecord.class);
      store.put(name, record.value());
      LOG.info("flag {} set to enabled={} by {}", name, flag.enabled(), flag.updatedBy());
    } catch (ContractViolation e) {
      LOG.warn("ignoring malformed flag record for {}: {}", name, e.getMessage());
    }
  }
}
