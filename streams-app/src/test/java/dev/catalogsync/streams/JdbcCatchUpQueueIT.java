package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catch-up's two statements on a real PostgreSQL: what they copy, mark, skip and leave. */
@ExtendWith(RealStack.class)
class JdbcCatchUpQueueIT {
  private static final Duration GRACE = Duration.ofSeconds(2);

  @Test
  void theFirstPassWritesEachResourceOnceAndTheSecondMarksEveryRowItCovers(TestDatabase database)
      throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection db = database.connect();
        JdbcCatchUpQueue queue = new JdbcCatchUpQueue(RunningApp.database(database))) {
      DemoTables data = new DemoTables(db);
      for (int r = 0; r < 5; r++) {
        long project = data.projectOf(data.projectWithResource("p" + r, "d", 0));
        for (int i = 0; i < 10; i++) {
          data.updateProject(project, "p" + r + "-" + i, "d", 10);
        }
      }
      data.backdateQueue(Instant.now().minusSeconds(60));
      assertThat(queue.pending(1000)).isEqualTo(55);

      // Windows of 20 rows: the resources' events span them all.
      long written = 0;
      long after = 0;
      CatchUpQueue.Window w;
      do {
        w = queue.copy(after, GRACE, 20);
        written += w.changed();
        after = w.lastId();
      } while (w.rows() == 20);
      assertThat(written).isEqualTo(5);
      assertThat(data.resources()).isEqualTo(data.expected());
      assertThat(data.pendingCount()).isEqualTo(55); // the first pass only reads the queue

      assertThat(queue.mark(0, GRACE, 100)).isEqualTo(new CatchUpQueue.Window(55, after, 55));
      assertThat(data.pendingCount()).isZero();
    }
  }

  @Test
  void lockedResourcesAreSkippedNotWaitedForOrphansMarkedAndYoungRowsLeftToTheStream(
      TestDatabase database) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection db = database.connect();
        Connection host = database.connect();
        JdbcCatchUpQueue queue = new JdbcCatchUpQueue(RunningApp.database(database))) {
      DemoTables data = new DemoTables(db);
      long busy = data.projectWithResource("busy", "d", 0);
      long gone = data.projectWithResource("gone", "d", 0);
      long young = data.projectWithResource("young", "d", 0);
      data.backdateQueue(Instant.now().minusSeconds(60));
      data.deleteResource(gone);
      data.updateProject(data.projectOf(young), "young", "just now", 0);

      host.setAutoCommit(false); // the host holds the busy resource's row
      try (Statement s = host.createStatement()) {
        s.execute("SELECT 1 FROM catalog_resources WHERE id = " + busy + " FOR UPDATE");
      }
      assertThat(queue.copy(0, GRACE, 100).changed()).isEqualTo(1); // young's creation, not busy
      assertThat(queue.mark(0, GRACE, 100).changed()).isEqualTo(2); // young's creation, gone's
      host.rollback();

      assertThat(data.pendingEvents())
          .extracting(e -> e.catalogResourceId() + ":" + e.description())
          .containsExactly(busy + ":d", young + ":just now");
    }
  }

  @Test
  void anotherInstanceHoldingTheLockMakesEveryWindowWait(TestDatabase database) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    try (Connection db = database.connect();
        Connection other = database.connect();
        JdbcCatchUpQueue queue = new JdbcCatchUpQueue(RunningApp.database(database))) {
      DemoTables data = new DemoTables(db);
      data.projectWithResource("p", "d", 0);
      data.backdateQueue(Instant.now().minusSeconds(60));
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
        lock.setLong(1, Reconciler.LOCK_KEY);
        lock.executeQuery().close();
      }

      assertThat(queue.copy(0, GRACE, 100)).isNull();
      assertThat(queue.mark(0, GRACE, 100)).isNull();
      assertThat(data.pendingCount()).isEqualTo(1);
    }
  }
}
