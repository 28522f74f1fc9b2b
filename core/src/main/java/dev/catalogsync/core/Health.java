package dev.catalogsync.core;

/**
 * Whether a long-running catalog-sync service is ready, and if not, why, in words for operators.
 *
 * @param component which service
 * @param ready true only when it does its job right now
 * @param detail the state in a few words (e.g. "RUNNING", "engine restarting after: ...")
 */
public record Health(String component, boolean ready, String detail) {}
