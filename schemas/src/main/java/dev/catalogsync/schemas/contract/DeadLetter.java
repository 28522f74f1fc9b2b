package dev.catalogsync.schemas.contract;

import java.time.Instant;

/**
 * Value on a dead-letter topic: the rejected record as it arrived, where it came from and why it
 * was rejected. The same error is also put in the record headers, so kcat's {@code %h} shows it.
 *
 * @param sourceTopic topic the record was read from
 * @param sourcePartition partition it was read from
 * @param sourceOffset offset it was read at
 * @param key the record key as UTF-8 text, or null
 * @param value the record value as UTF-8 text, or null
 * @param stage which part of catalog-sync rejected it
 * @param error a one-line reason naming the offending field where there is one
 * @param failedAt when it was rejected
 */
public record DeadLetter(
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    String key,
    String value,
    String stage,
    String error,
    Instant failedAt) {}
