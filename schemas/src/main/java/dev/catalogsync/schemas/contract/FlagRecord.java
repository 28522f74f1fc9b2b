package dev.catalogsync.schemas.contract;

import java.time.Instant;

/**
 * Value of a record on the compacted flag topic; the key is the flag name. A tombstone (null value)
 * means "back to the documented default".
 *
 * @param enabled whether the guarded action runs
 * @param updatedAt when the flag was set, for operators reading the topic
 * @param updatedBy who or what set it, free text
 */
public record FlagRecord(boolean enabled, Instant updatedAt, String updatedBy) {

  /** GitLab's flag name for the same switch, the default flag of catalog-sync. */
  public static final String PROCESS_SYNC_EVENTS = "ci_process_catalog_resource_sync_events";
}
