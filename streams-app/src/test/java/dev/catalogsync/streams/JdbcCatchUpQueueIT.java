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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catch-up's statements on a real PostgreSQL: what they count, copy, skip and leave. */
@ExtendWith(RealStack.class)
class JdbcCatchUpQueueIT {
  private static final Duration GRACE = Duration.ofSeconds(2);

  @Test
  void aPassWritesEachResourceOnceAndLeavesEveryRowPendingForTheStream(TestDatabase database)
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
      assertThat(queue.pending(0, 1000)).isEqualTo(55);

      // Windows of 20 rows: the resources' events span them all.
      long written = 0;
      long after = 0;
      CatchUpQueue.Window w;
      do {
        w = queue.copy(after, GRACE, 20, List.of());
        written += w.changed();
        after = w.lastId();
      } while (w.rows() == 20);
      assertThat(written).isEqualTo(5);
      assertThat(data.resources()).isEqualTo(data.expected());
      // It only reads the queue: the stream marks each row when CDC delivers its event.
      assertThat(data.pendingCount()).isEqualTo(55);
      assertThat(queue.pending(after, 1000)).isZero(); // nothing after what it copied
      data.updateProject(data.projectOf(data.projectWithResource("new", "d", 0)), "n", "d", 0);
      assertThat(queue.pending(after, 1000)).isEqualTo(2);
      // A DBA sees what the connection is for.
      assertThat(
              data.queryLong(
                  "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                  "catalog-sync-streams-catchup"))
          .isEqualTo(1);
    }
  }

  @Test
  void lockedResourcesAreSkippedNotWaitedForThenTriedAgainAndYoungRowsLeftToTheStream(
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
      // Three rows older than the grace (the creations); young's update is the stream's.
      CatchUpQueue.Window w = queue.copy(0, GRACE, 100, List.of());
      assertThat(w.rows()).isEqualTo(3);
      assertThat(w.changed()).isEqualTo(1); // young's resource, not busy's, and gone's is gone
      assertThat(w.skipped()).containsExactly(busy); // to try again
      host.rollback();
      CatchUpQueue.Window again = queue.copy(w.lastId(), GRACE, 100, w.skipped());
      assertThat(again.rows()).isZero();
      assertThat(again.changed()).isEqualTo(1);
      assertThat(again.skipped()).isEmpty();

      assertThat(data.resourceColumns(young))
          .isEqualTo(new DemoTables.Columns("young", "just now", 0));
      assertThat(data.pendingCount()).isEqualTo(4);
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

      assertThat(queue.copy(0, GRACE, 100, List.of())).isNull();
      assertThat(data.pendingCount()).isEqualTo(1);
    }
  }
}
