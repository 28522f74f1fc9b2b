package dev.catalogsync.streams.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import dev.catalogsync.streams.Database;
import dev.catalogsync.streams.Reconciler;
import dev.catalogsync.streams.StreamsAppConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue's partitions on a real PostgreSQL: created, detached, dropped, nothing lost. */
@ExtendWith(RealStack.class)
class QueueRotationIT {
  private static final RotationPolicy DAILY =
      new RotationPolicy(Duration.ofDays(1), Duration.ofDays(7));

  private static QueueRotation rotation(RotationPolicy policy, String slot) {
    return new QueueRotation(policy, slot);
  }

  @Test
  void backdatedPartitionsAreRotatedDetachedOnlyWithoutPendingRowsAndDropped(TestDatabase database)
      throws Exception {
    try (DemoTables data = DemoTables.install(database)) {
      Connection db = data.connection();
      QueueRotation rotation = rotation(DAILY, "no_such_slot");
      assertThat(rotation.run(db).done()).containsExactly(new RotationStep.AddSpare(2));

      long first = data.projectWithResource("a", "old", 0);
      long second = data.projectWithResource("b", "old", 0);
      data.backdateQueue(Instant.now().minus(Duration.ofDays(2)));
      assertThat(rotation.run(db).done()).isEmpty(); // the spare is a moment old
      Thread.sleep(RotationPolicy.SPARE_SETTLE.toMillis() + 100);
      assertThat(rotation.run(db).done())
          .containsExactly(new RotationStep.Activate(2), new RotationStep.AddSpare(3));

      data.updateProject(data.projectOf(first), "a2", "new", 10);
      assertThat(partitionOfNewest(data)).isEqualTo(2);

      // Partition 1 holds two pending rows; it stays while one of them is pending.
      data.exec(
          "UPDATE catalog_resource_sync_events SET status = 2"
              + " WHERE partition_id = 1 AND catalog_resource_id = "
              + first);
      for (int i = 0; i < 3; i++) {
        assertThat(rotation.run(db).done()).isEmpty();
      }
      assertThat(attached(data, 1)).isTrue();

      // The reconciler still sees the pending row in the retired partition and applies it.
      data.updateProject(data.projectOf(second), "b2", "newer", 20);
      data.backdateQueue(Instant.now().minus(Duration.ofDays(2)));
      try (Reconciler reconciler =
          new Reconciler(
              new Database(
                  database.jdbcUrl(), null, null, Duration.ofSeconds(30), Duration.ofSeconds(5)),
              new StreamsAppConfig.Reconcile(
                  Duration.ofMinutes(1), Duration.ofMillis(1), 100, Duration.ofSeconds(10)))) {
        reconciler.run();
      }
      assertThat(data.pendingCount()).isZero();
      assertThat(data.resources()).isEqualTo(data.expected());

      // No slot to wait for: fenced and detached in one run.
      assertThat(rotation.run(db).done())
          .containsSubsequence(new RotationStep.Fence(1), new RotationStep.Detach(1));
      assertThat(attached(data, 1)).isFalse();
      assertThat(data.queryLong("SELECT count(*) FROM catalog_resource_sync_events_1"))
          .isEqualTo(2);

      data.exec(
          "UPDATE catalog_sync_queue_partitions SET detached_at = now() - interval '8 days'"
              + " WHERE partition_id = 1");
      assertThat(rotation.run(db).done()).contains(new RotationStep.Drop(1));
      assertThat(
              data.queryLong(
                  "SELECT count(*) FROM pg_class WHERE relname = 'catalog_resource_sync_events_1'"))
          .isZero();
      assertThat(data.queryLong("SELECT min(partition_id) FROM catalog_sync_queue_partitions"))
          .isEqualTo(2);
    }
  }

  @Test
  void aRetiredPartitionIsDetachedOnlyOnceTheSlotConfirmedIt(TestDatabase database)
      throws Exception {
    try (DemoTables data = DemoTables.install(database)) {
      Connection db = data.connection();
      data.queryLong(
          "SELECT count(*) FROM pg_create_logical_replication_slot('rotation_slot', 'pgoutput')");
      QueueRotation rotation =
          rotation(new RotationPolicy(Duration.ofMillis(1), DAILY.retention()), "rotation_slot");
      rotation.run(db);
      data.projectWithResource("a", "x", 0);
      Thread.sleep(RotationPolicy.SPARE_SETTLE.toMillis() + 100);
      assertThat(rotation.run(db).done()).contains(new RotationStep.Activate(2));
      data.exec("UPDATE catalog_resource_sync_events SET status = 2");
      assertThat(rotation.run(db).done()).contains(new RotationStep.Fence(1));
      for (int i = 0; i < 3; i++) {
        assertThat(rotation.run(db).done()).doesNotContain(new RotationStep.Detach(1));
      }
      data.queryLong(
          "SELECT count(*) FROM pg_replication_slot_advance('rotation_slot', pg_current_wal_lsn())");
      assertThat(rotation.run(db).done()).contains(new RotationStep.Detach(1));
      data.queryLong("SELECT count(*) FROM pg_drop_replication_slot('rotation_slot')");
    }
  }

  @Test
  void updatesDuringRotationsAllEnqueueTheirEvent(TestDatabase database) throws Exception {
    try (DemoTables data = DemoTables.install(database);
        DemoTables writer = DemoTables.connect(database);
        DemoTables marker = DemoTables.connect(database)) {
      int resources = 20;
      data.projectsWithResources(resources, "r");
      List<Long> projects = new ArrayList<>();
      for (long id = 1; id <= resources; id++) {
        projects.add(id);
      }
      long before = data.queryLong("SELECT count(*) FROM catalog_resource_sync_events");
      // A partition a second: many rotations while projects are updated without a pause.
      QueueRotation rotation =
          rotation(new RotationPolicy(Duration.ofMillis(1), Duration.ofMillis(1)), "no_such_slot");
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<Long> updates =
          pool.submit(
              () -> {
                long n = 0;
                while (!stop.get()) {
                  long project = projects.get((int) (n % resources));
                  writer.updateProject(project, "n" + n, "d" + n, (int) (n % 3) * 10);
                  n++;
                }
                return n;
              });
      // Plays the streams app: marks what is there processed, so partitions can be detached.
      Future<?> marks =
          pool.submit(
              () -> {
                while (!stop.get()) {
                  marker.exec(
                      "UPDATE catalog_resource_sync_events SET status = 2 WHERE status = 1");
                  Thread.sleep(50);
                }
                return null;
              });
      int detached = 0;
      int dropped = 0;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      while (System.nanoTime() < until) {
        for (RotationStep step : rotation.run(data.connection()).done()) {
          detached += step instanceof RotationStep.Detach ? 1 : 0;
          dropped += step instanceof RotationStep.Drop ? 1 : 0;
        }
        Thread.sleep(200);
      }
      stop.set(true);
      long updated = updates.get(30, TimeUnit.SECONDS);
      marks.get(30, TimeUnit.SECONDS);
      pool.shutdown();

      assertThat(detached).isGreaterThan(1);
      assertThat(dropped).isPositive();
      // Every update enqueued its event; none was refused for want of a partition. Rows in
      // dropped partitions were all processed before (a partition is only detached then), so
      // count what went into them from the sequence: ids are gapless here (no rollbacks).
      long maxId = data.queryLong("SELECT last_value FROM catalog_resource_sync_events_id_seq");
      assertThat(maxId).isEqualTo(before + updated);
      long newest = data.queryLong("SELECT max(id) FROM catalog_resource_sync_events");
      assertThat(newest).isEqualTo(maxId);
    }
  }

  private static long partitionOfNewest(DemoTables data) throws SQLException {
    return data.queryLong(
        "SELECT partition_id FROM catalog_resource_sync_events ORDER BY id DESC LIMIT 1");
  }

  private static boolean attached(DemoTables data, long partition) throws SQLException {
    return data.queryLong(
            "SELECT count(*) FROM pg_inherits"
                + " WHERE inhparent = 'catalog_resource_sync_events'::regclass"
                + " AND inhrelid = to_regclass(?)",
            "catalog_resource_sync_events_" + partition)
        == 1;
  }
}
