package dev.catalogsync.bench;

/**
 * Source updates per second with one kind of trigger on projects.
 *
 * @param variant "no trigger", "GitLab-shaped trigger" or "catalog-sync trigger"
 * @param database the database (same server) it ran in
 * @param updatesPerSecond what the K clients committed per second, flat out
 * @param updates how many
 * @param seconds how long
 * @param usage CPU and memory meanwhile
 */
record SourceCostResult(
    String variant,
    String database,
    double updatesPerSecond,
    long updates,
    double seconds,
    ResourceMeter.Usage usage) {}
