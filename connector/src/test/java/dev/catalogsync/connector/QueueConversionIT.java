package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.embedded.TopicReader;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrading a live installation to the partitioned queue (V6, V7): projects are updated all the
 * while, the connector streams on, and no pending row and no event is lost. The queue holds {@code
 * -Dconversion.rows} rows (default 100,000; docs/queue-partitioning.md has a run with 1,000,000).
 */
@ExtendWith(RealStack.class)
class QueueConversionIT {
  private static final Logger LOG = LoggerFactory.getLogger(QueueConversionIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int ROWS = Integer.getInteger("conversion.rows", 100_000);
  private static final int RESOURCES = 20;

  @Test
  void theConversionKeepsEveryPendingRowAndEveryEvent(TestDatabase database, KafkaBroker kafka)
      throws Exception {
    SchemaInstaller.install(SchemaInstaller.DEMO, database.jdbcUrl(), null, null);
    SchemaInstaller.install(SchemaInstaller.SYNC, database.jdbcUrl(), null, null, "5");
    ConnectorConfig config = TestConfigs.config(database, kafka.bootstrapServers());
    try (DemoTables demo = DemoTables.connect(database);
        DemoTables writer = DemoTables.connect(database)) {
      demo.projectsWithResources(RESOURCES, "p");
      // A queue months old: one row in ten still pending.
      demo.exec(
          "INSERT INTO catalog_resource_sync_events"
              + " (catalog_resource_id, project_id, status, name, description, visibility_level)"
              + " SELECT i % "
              + RESOURCES
              + " + 1, i % "
              + RESOURCES
              + " + 1, CASE WHEN i % 10 = 0 THEN 1 ELSE 2 END, 'old' || i, 'seeded', 0"
              + " FROM generate_series(1, "
              + ROWS
              + ") i");
      demo.exec("ANALYZE catalog_resource_sync_events");
      Set<String> pendingBefore = rows(demo, "WHERE status = 1");
      long seeded = demo.queryLong("SELECT max(id) FROM catalog_resource_sync_events");

      try (ConnectorService connector = ConnectorService.start(config);
          TopicReader topic = new TopicReader(kafka.bootstrapServers(), config.syncTopic())) {
        await().atMost(PATIENCE).until(() -> connector.health().ready());
        AtomicBoolean stop = new AtomicBoolean();
        // Start time and latency of every update, to compare the conversion with what came before.
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Long> updates =
            pool.submit(
                () -> {
                  long n = 0;
                  while (!stop.get()) {
                    long started = System.nanoTime();
                    writer.updateProject(n % RESOURCES + 1, "n" + n, "live", 0);
                    latencies.add(new long[] {started, (System.nanoTime() - started) / 1000});
                    n++;
                  }
                  return n;
                });
        Thread.sleep(2000);
        long from = System.nanoTime();
        var upgraded =
            SchemaInstaller.install(SchemaInstaller.SYNC, database.jdbcUrl(), null, null);
        long to = System.nanoTime();
        long tookMillis = (to - from) / 1_000_000;
        Thread.sleep(500);
        stop.set(true);
        long updated = updates.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(upgraded.migrationsApplied()).isGreaterThanOrEqualTo(2);

        assertThat(
                demo.queryLong(
                    "SELECT count(*) FROM pg_class WHERE relname = 'catalog_resource_sync_events'"
                        + " AND relkind = 'p'"))
            .isEqualTo(1);
        // Every row pending before is pending after, with what it carried.
        assertThat(rows(demo, "WHERE status = 1 AND id <= " + seeded)).isEqualTo(pendingBefore);
        // Every update during the conversion enqueued its event, and CDC published each one.
        Set<Long> enqueued = ids(demo, "WHERE id > " + seeded);
        assertThat(enqueued).hasSize((int) updated);
        Set<Long> published = new HashSet<>();
        await()
            .atMost(PATIENCE)
            .until(
                () -> {
                  for (TopicReader.Line line : topic.poll()) {
                    published.add(Json.mapper().readTree(line.value()).get("id").asLong());
                  }
                  return published.containsAll(enqueued);
                });

        LOG.info(
            "conversion of {} rows took {} ms; projects updates before it: {}; during it: {}",
            ROWS,
            tookMillis,
            summary(latencies, from - (to - from), from),
            summary(latencies, from, to));
      }
    }
  }

  /** Count, p50, p99 and max latency of the updates that started in [from, to). */
  private static String summary(List<long[]> latencies, long from, long to) {
    List<Long> micros = new ArrayList<>();
    synchronized (latencies) {
      for (long[] l : latencies) {
        if (l[0] >= from && l[0] < to) {
          micros.add(l[1]);
        }
      }
    }
    if (micros.isEmpty()) {
      return "none";
    }
    Collections.sort(micros);
    return String.format(
        "%d, p50 %d us, p99 %d us, max %d us",
        micros.size(),
        micros.get(micros.size() / 2),
        micros.get((int) (micros.size() * 0.99)),
        micros.get(micros.size() - 1));
  }

  private static Set<String> rows(DemoTables demo, String where) throws Exception {
    Set<String> rows = new HashSet<>();
    try (PreparedStatement ps =
            demo.connection()
                .prepareStatement(
                    "SELECT id || ':' || catalog_resource_id || ':' || name"
                        + " FROM catalog_resource_sync_events "
                        + where);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static Set<Long> ids(DemoTables demo, String where) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (PreparedStatement ps =
            demo.connection()
                .prepareStatement("SELECT id FROM catalog_resource_sync_events " + where);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
