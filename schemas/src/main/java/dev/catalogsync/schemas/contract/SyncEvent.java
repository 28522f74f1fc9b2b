package dev.catalogsync.schemas.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One row of {@code catalog_resource_sync_events} as published on the sync-event topic (key: the
 * catalog resource id as a decimal string). {@code id} orders the events of a resource: the highest
 * id holds the newest state, so duplicates and replays are harmless.
 *
 * @param sourceLsn position of the insert in the PostgreSQL WAL, when it came through CDC
 * @param sourceTxId PostgreSQL transaction id of the insert, when it came through CDC
 * @param sourceCommittedAt commit time of that transaction, when it came through CDC
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SyncEvent(
    long id,
    long catalogResourceId,
    long projectId,
    String name,
    String description,
    Integer visibilityLevel,
    Instant createdAt,
    Long sourceLsn,
    Long sourceTxId,
    Instant sourceCommittedAt) {

  /** The record key on every topic keyed by resource: the id as a plain string, for kcat. */
  public String key() {
    return Long.toString(catalogResourceId);
  }
}
