package dev.catalogsync.bench.report;

import dev.catalogsync.core.Settings;
import dev.catalogsync.streams.StreamsAppConfig;
import java.util.Locale;
import java.util.Map;

/** How the numbers were taken, printed at the end of every report so it stands on its own. */
final class Method {
  /**
   * The text with the streams app's settings left open (%1$d apply tick in ms, %2$d resources per
   * batch, %3$d partitions, %4$d pending events that start the catch-up, %5$d rows per catch-up
   * batch), so a changed default cannot leave the report saying the old one.
   */
  private static final String TEMPLATE =
      """
      - One JVM runs an embedded PostgreSQL server (a separate process), a one-node Kafka broker,
        the connector, the streams app (shipped defaults: %1$d ms apply tick, %2$d resources per
        batch, %3$d partitions) and the load. Everything shares this machine's cores, so every
        figure is pessimistic compared with a deployment where they have their own.
      - Workload: N projects with one catalog resource each. Single-row updates come from K JDBC
        clients (autocommit), each on a fixed schedule for its share of the offered rate, or flat
        out. Bulk updates change up to 10,000 distinct projects per statement. Keys are uniform or
        Zipf-skewed (a fixed shuffle maps ranks to ids); the seed makes runs repeatable.
      - Freshness: a bench-only AFTER UPDATE trigger on catalog_resources logs each row write with
        its sync_version and clock_timestamp(). An event's freshness is the first logged write of
        its resource with a version at or above the event's id, minus the event's created_at; both
        clocks are the database server's. Applied/s = applied events / (last first-appearance -
        first creation). After the source stops, the phase waits for the queue to drain. Row writes
        per update = logged writes carrying a version of the phase / its events. The trigger is
        disabled during drains (it would charge each row write extra) and row writes are then
        taken from pg_stat_user_tables.
      - Backlog drain: the connector is stopped, and the streams app's flag off, while bulk updates
        create the backlog. catalog-sync: the flag goes on, the connector starts and the clock runs
        until no backlog event is pending (connector start, CDC, Kafka, coalescing, guarded batch
        writes, and the catch-up from the database, which starts at %4$d pending events and copies
        %5$d queue rows per batch, included); the pipeline then goes on until CDC has published
        the whole backlog and the streams app has committed past it, and its CPU counts until then.
        The streams app alone from Kafka runs with the catch-up off. Then the events are set
        pending again, every resource is made stale (description and sync_version reset) and the
        database vacuumed, before each contender.
      - Time to convergence: from a contender's start until every resource equals its project. A
        watch looks every 0.1 s, going on from the first resource that still differed the last
        time (one that caught up stays so during a drain), and one full comparison confirms it.
      - GitLab-style worker: a faithful emulation of GitLab's service: a one-minute lease row,
        1000 pending events in id order, the resources and current project rows preloaded, one
        UPDATE per resource that differs from its project (own transaction), the batch marked
        processed in one statement, the lease released, again while events remain. In GitLab a
        run is woken per commit by a model callback and by a one-minute cron; for a backlog one
        wake-up starts the chain. Sidekiq's re-enqueue delay and ActiveRecord's empty
        transactions are not modelled, both in its favour.
      - Per-event sink: a Kafka consumer reading the same backlog's records from the topic (so it
        skips CDC, in its favour), checking each against the contract like the streams app, and
        writing each event as its own guarded UPDATE plus its own mark-processed UPDATE, one JDBC
        batch and one transaction per poll of up to 1000 records.
      - Database limit: the same number of guarded row updates of catalog_resources, 10,000
        distinct rows per statement (unnest arrays, the streams app's statement shape), nothing
        else; the ceiling for writing rows one by one on this server.
      - Decoding limit: a logical replication slot of the bench's own, made just before the backlog
        is written, read over the replication protocol with pgoutput and the connector's
        publication, as Debezium reads it, by a client that only counts the inserts: PostgreSQL's
        own decoding of the same WAL, with no Debezium, no Kafka and no writes. Runs before the
        other contenders; the ceiling for any drain through log-based CDC on this server.
      - Source cost: three databases on the same server, seeded alike, differing only in the
        trigger: none, GitLab-shaped (ids and status, partitioned queue, one partial index) and
        catalog-sync's (a snapshot of the values, not partitioned, one partial index, published
        for CDC). The same K clients run flat out for the same time against each, before Kafka
        starts. Ours against GitLab's is also given paired by round: the geometric mean of the
        per-round ratios with a 95%% interval (Student's t).
      - CPU: process CPU time of this JVM (OperatingSystemMXBean), per-thread CPU grouped by thread
        name, and the PostgreSQL server's processes from /proc. Memory: heap in use, RSS and peak
        RSS of this JVM.
      - Queue retention and verification (issue 19), after the freshness phases, with the whole
        pipeline running. Compressed month: a "day" of seconds is the rotation's partition
        duration, the retention a number of such days; a steady single-row load runs through the
        pipeline (the streams app marks the rows processed, the connector's slot confirms them).
        The rotation is the product's (QueueRotation with its RotationPolicy, V8's functions,
        under the reconciler's advisory lock), run by the bench on a connection of its own every
        250 ms, standing in for the streams app's reconcile tick, which the bench sets to 6 h
        (Environment, settings) and which, in a deployment, runs it on the stream thread of
        partition 0's task. The database sees the same statements. Before day 0 a run with no
        retention drops what the queue held. The queue's size (QueueSize: partitions and bytes;
        rows counted) is read at the start of each day. Then, under the same load, windows with
        the rotation running and without, in turn, time every update's statement. verify: the
        Verification class over every resource, idle, after the queue drained. Continuous
        verification: the streams app restarted with verify.interval.ms and verify.batch-size set,
        a 3 s warm-up at 200/s not measured, a 1000/s freshness phase with the same seed as the
        one without, then the app restarted as before.
      - Targets are reported as met or missed; nothing here fails a run over a number.
      """;

  private Method() {}

  /** The streams app's shipped defaults, which every run uses for what the report names here. */
  static Settings streamsDefaults() {
    return Settings.load(StreamsAppConfig.DEFAULTS_RESOURCE, null, Map.of());
  }

  /** The streams app's shipped apply tick, for the report's explanations. */
  static long applyTickMillis() {
    return streamsDefaults().millis("apply.interval.ms").toMillis();
  }

  /** The Method section, with the streams app's shipped defaults. */
  static String text() {
    return text(streamsDefaults());
  }

  /** The Method section for a streams app with these settings. */
  static String text(Settings streams) {
    return String.format(
        Locale.ROOT,
        TEMPLATE,
        streams.millis("apply.interval.ms").toMillis(),
        streams.positiveInt("apply.batch-size"),
        streams.positiveInt("topic.partitions"),
        streams.positiveInt("catchup.pending-threshold"),
        streams.positiveInt("catchup.batch-size"));
  }
}
