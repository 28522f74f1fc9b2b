package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.ContractViolation;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.nio.charset.StandardCharsets;

/** Checks a raw sync-event record (key and value bytes) against the contract. */
final class SyncEventParser {
  private SyncEventParser() {}

  static ParsedRecord parse(byte[] key, byte[] value) {
    if (key == null) {
      return ParsedRecord.rejected("sync-event key is null");
    }
    String keyText = new String(key, StandardCharsets.UTF_8);
    try {
      Contract.checkKey(Payload.SYNC_EVENT, keyText);
      SyncEvent event = Contract.decode(Payload.SYNC_EVENT, value, SyncEvent.class);
      // The key routes the event to the task that owns the resource: a mismatch would let two
      // tasks write the same row, so it is a contract violation too.
      if (!event.key().equals(keyText)) {
        return ParsedRecord.rejected(
            "sync-event key '"
                + keyText
                + "' does not match catalog_resource_id "
                + event.catalogResourceId());
      }
      return ParsedRecord.accepted(event);
    } catch (ContractViolation e) {
      return ParsedRecord.rejected(e.getMessage());
    }
  }
}
