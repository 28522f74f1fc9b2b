package dev.catalogsync.streams;

/**
 * The newest known state of one catalog resource, to be written by the batched writer.
 *
 * @param resourceId catalog resource id
 * @param eventId id of the sync event that carried this state: the version
 */
public record PendingWrite(
    long resourceId, long eventId, String name, String description, Integer visibilityLevel) {}
