package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catch-up and the CDC path race on the same few hot resources while their projects keep
 * changing: whichever writes last, every resource ends equal to its project and no queue row is
 * left pending.
 */
@ExtendWith(RealStack.class)
class CatchUpIT {
  private static final int HOT_RESOURCES = 8;
  private static final int UPDATERS = 3;
  private static final int UPDATES_EACH = 1500;

  /**
   * How far the stand-in for CDC stays behind the queue, a second each in turn: live (the stream
   * writes first, the catch-up stops), then behind (the catch-up starts and writes first, and the
   * events CDC delivers later meet rows it wrote, which the stream then marks).
   */
  private static final Duration[] CDC_LAG = {Duration.ZERO, Duration.ofMillis(1500)};

  @Test
  void catchUpAndCdcRacingOnHotResourcesLeaveEveryResourceEqualToItsProject(
      TestDatabase database, KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> settings = RunningApp.settings(database, broker);
    settings.put("catchup.pending-threshold", "200");
    settings.put("catchup.grace.ms", "300");
    settings.put("catchup.batch-size", "50");
    settings.put("catchup.check-interval.ms", "100");
    StreamsAppConfig config = RunningApp.config(settings, stateDir);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
    ExecutorService load = Executors.newFixedThreadPool(UPDATERS + 1);
    AtomicBoolean updating = new AtomicBoolean(true);
    try (Connection db = database.connect();
        StreamsService app = RunningApp.startAndAwaitRunning(config)) {
      DemoTables data = new DemoTables(db);
      data.exec(WRITE_LOG);
      List<Long> projects = new ArrayList<>();
      for (int i = 0; i < HOT_RESOURCES; i++) {
        projects.add(data.projectOf(data.projectWithResource("hot" + i, "d", 0)));
      }
      Future<?> cdc = load.submit(() -> publishLikeALaggingCdc(config, database, updating));
      List<Future<?>> updaters = new ArrayList<>();
      for (int u = 0; u < UPDATERS; u++) {
        int seed = u;
        updaters.add(load.submit(() -> updateHotProjects(database, projects, seed)));
      }
      for (Future<?> f : updaters) {
        f.get(120, TimeUnit.SECONDS);
      }
      updating.set(false);
      cdc.get(60, TimeUnit.SECONDS); // every queue row published at last, as CDC would

      await().atMost(Duration.ofSeconds(60)).until(() -> data.pendingCount() == 0);
      // Once nothing is pending, every write has committed with the mark of what it covered.
      assertThat(data.resources()).isEqualTo(data.expected());
      assertThat(data.processedCount()).isEqualTo(HOT_RESOURCES + (long) UPDATERS * UPDATES_EACH);
      assertNoWriteWentBack(db);
      // Both paths took part: the race was real.
      assertThat(registry.counter("catalog_sync_events_caught_up").count()).isPositive();
      assertThat(registry.counter("catalog_sync_events_applied").count()).isPositive();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.get("catalog_sync_catchup_active").gauge().value() == 0);
      assertThat(app.health().ready()).isTrue();
    } finally {
      updating.set(false);
      load.shutdownNow();
      Metrics.removeRegistry(registry);
    }
  }

  /**
   * Every write of a resource row, in the order the writes happened: concurrent writers of one row
   * wait for each other's commit, so the sequence follows the row's history.
   */
  private static final String WRITE_LOG =
      "CREATE TABLE write_log (seq bigserial PRIMARY KEY, resource_id bigint, name text);"
          + " CREATE FUNCTION log_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " INSERT INTO write_log (resource_id, name) VALUES (NEW.id, NEW.name); RETURN NULL;"
          + " END $$;"
          + " CREATE TRIGGER log_write AFTER UPDATE ON catalog_resources"
          + " FOR EACH ROW EXECUTE FUNCTION log_write()";

  /**
   * Never older: each update gives its project a name of its own, so the queue row carrying a name
   * tells which change a write put in the row; a resource's writes must carry ever newer changes (a
   * catch-up version too low would let an event in flight write older values back).
   */
  private static void assertNoWriteWentBack(Connection db) throws java.sql.SQLException {
    Map<Long, Long> newest = new java.util.HashMap<>();
    List<String> wentBack = new ArrayList<>();
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT w.resource_id, w.seq, e.id FROM write_log w"
                    + " JOIN catalog_resource_sync_events e"
                    + " ON e.catalog_resource_id = w.resource_id AND e.name = w.name"
                    + " ORDER BY w.seq");
        java.sql.ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long change = rs.getLong(3);
        Long before = newest.put(rs.getLong(1), change);
        if (before != null && change < before) {
          wentBack.add("write " + rs.getLong(2) + " of resource " + rs.getLong(1));
        }
      }
    }
    assertThat(newest).hasSize(HOT_RESOURCES);
    assertThat(wentBack).as("writes that put an older change back").isEmpty();
  }

  /** Single-row autocommit updates of random hot projects, each a real change (new values). */
  private static Void updateHotProjects(TestDatabase database, List<Long> projects, int seed)
      throws Exception {
    Random random = new Random(seed);
    try (Connection c = database.connect();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE projects SET name = ?, description = ?, visibility_level = ?"
                    + " WHERE id = ?")) {
      for (int i = 0; i < UPDATES_EACH; i++) {
        update.setString(1, "u" + seed + "-" + i);
        update.setString(2, "by " + seed);
        update.setInt(3, 10 * random.nextInt(3));
        update.setLong(4, projects.get(random.nextInt(projects.size())));
        update.executeUpdate();
        Thread.sleep(2); // about 1,200 updates/s from all updaters: seconds of racing
      }
    }
    return null;
  }

  /**
   * Publishes every queue row once, pending or not (CDC sees inserts, never the marks), in id
   * order, staying behind by a lag that changes every second; once the updates end, the rest.
   */
  private static Void publishLikeALaggingCdc(
      StreamsAppConfig config, TestDatabase database, AtomicBoolean updating) throws Exception {
    Set<Long> published = new HashSet<>();
    long turn = 0;
    try (Connection c = database.connect();
        RunningApp.Publisher cdc = new RunningApp.Publisher(config)) {
      DemoTables data = new DemoTables(c);
      while (true) {
        boolean last = !updating.get();
        Duration lag = last ? Duration.ZERO : CDC_LAG[(int) (turn++ / 20 % CDC_LAG.length)];
        Instant upTo = Instant.now().minus(lag);
        List<SyncEvent> next = new ArrayList<>();
        for (SyncEvent e : data.allEvents()) {
          if (!e.createdAt().isAfter(upTo) && published.add(e.id())) {
            next.add(e);
          }
        }
        cdc.publish(null, next);
        if (last) {
          return null;
        }
        Thread.sleep(50);
      }
    }
  }
}
