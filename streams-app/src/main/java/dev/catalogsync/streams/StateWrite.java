package dev.catalogsync.streams;

import java.time.Instant;

/**
 * The newest known state of one catalog resource, to be written by the batched writer.
 *
 * @param resourceId catalog resource id
 * @param eventId id of the sync event that carried this state: the version
 * @param createdAt when that event was written at the source, for the freshness figure
 */
public record StateWrite(
    long resourceId,
    long eventId,
    String name,
    String description,
    Integer visibilityLevel,
    Instant createdAt) {}
