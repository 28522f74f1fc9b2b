package dev.catalogsync.dev;

import dev.catalogsync.cli.FlagClient;
import dev.catalogsync.core.SqlResource;
import dev.catalogsync.schemas.contract.FlagRecord;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's manual check from GitLab, run in front of the user: (1) a normal update reaches the
 * resource almost at once; (2) an update whose event CDC never delivers is pending first, then
 * applied by the reconciler within one interval; (3) with the flag off updates stay pending, and
 * turning it on applies them.
 */
final class DemoScenario {

  /** What the demo measured. */
  record Outcome(long fastPathMillis, long reconciledMillis, long flagOnAppliedMillis) {}

  /** The demo's expectation did not hold; the message says which. */
  static final class DemoFailed extends RuntimeException {
    DemoFailed(String message) {
      super(message);
    }
  }

  private static final int FAST_PATH_SAMPLES = 5;

  private final String jdbcUrl;
  private final FlagClient flags;
  private final String flagName;
  private final Duration reconcileWindow;
  private final PrintStream out;

  DemoScenario(
      String jdbcUrl,
      FlagClient flags,
      String flagName,
      Duration reconcileWindow,
      PrintStream out) {
    this.jdbcUrl = jdbcUrl;
    this.flags = flags;
    this.flagName = flagName;
    this.reconcileWindow = reconcileWindow;
    this.out = out;
  }

  Outcome run() throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      long project = firstProjectWithResource(db);
      out.printf("demo: using project %d and its catalog resource%n", project);
      turnOnAFlagLeftOff();

      // Several samples: the first change after a start also pays for warming up the path.
      long[] samples = new long[FAST_PATH_SAMPLES];
      for (int i = 0; i < samples.length; i++) {
        String fast = "fast-path-" + i + "-" + System.nanoTime();
        long start = System.nanoTime();
        rename(db, project, fast);
        samples[i] = awaitName(db, project, fast, Duration.ofSeconds(10), start);
      }
      long fastMillis = median(samples);
      out.printf(
          "(1) update through the normal path visible in the resource after %d ms (median of %s ms)%n",
          fastMillis, Arrays.toString(samples));

      execute(db, "hide-queue-from-cdc.sql");
      String missed = "missed-by-cdc-" + System.nanoTime();
      try {
        rename(db, project, missed);
      } finally {
        execute(db, "show-queue-to-cdc.sql");
      }
      long start = System.nanoTime();
      require(pending(db, project) > 0, "(2) the event CDC never saw should be pending");
      require(!missed.equals(resourceName(db, project)), "(2) the resource changed without CDC");
      out.printf(
          "(2) update whose event CDC never delivered: pending; waiting for the reconciler"
              + " (window %d s)%n",
          reconcileWindow.toSeconds());
      long reconciledMillis = awaitName(db, project, missed, reconcileWindow, start);
      out.printf("(2) reconciled after %d ms%n", reconciledMillis);

      flags.set(flagName, false, "catalog-sync dev --demo");
      pause(Duration.ofSeconds(2)); // every instance reads the flag topic continuously
      String held = "held-by-flag-" + System.nanoTime();
      rename(db, project, held);
      pause(Duration.ofSeconds(3));
      require(pending(db, project) > 0, "(3) with the flag off the event should stay pending");
      require(!held.equals(resourceName(db, project)), "(3) the flag was off but the row changed");
      out.println("(3) flag off: the update stays pending, the resource is unchanged");
      start = System.nanoTime();
      flags.set(flagName, true, "catalog-sync dev --demo");
      long flagMillis = awaitName(db, project, held, Duration.ofSeconds(30), start);
      out.printf("(3) flag on: applied after %d ms%n", flagMillis);
      return new Outcome(fastMillis, reconciledMillis, flagMillis);
    }
  }

  /**
   * data/dev keeps the flag topic, so a flag turned off in an earlier session is still off, and the
   * first check would wait for an update that is held on purpose. Say so and turn it on: the demo
   * turns it off and on again itself, and leaves it on.
   */
  private void turnOnAFlagLeftOff() {
    Optional<FlagRecord> flag = flags.read(flagName);
    if (flag.isPresent() && !flag.get().enabled()) {
      out.printf(
          "demo: the flag %s is off (set %s by %s); turning it on, the demo needs it on%n",
          flagName, flag.get().updatedAt(), flag.get().updatedBy());
      flags.set(flagName, true, "catalog-sync dev --demo");
    }
  }

  private static long median(long[] samples) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long firstProjectWithResource(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(SqlResource.load(DemoScenario.class, "first-resource-project.sql"))) {
      require(rs.next(), "the demo needs at least one catalog resource");
      return rs.getLong(1);
    }
  }

  private static void rename(Connection db, long project, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(DemoScenario.class, "rename-project.sql"))) {
      ps.setString(1, name);
      ps.setLong(2, project);
      ps.executeUpdate();
    }
  }

  private static String resourceName(Connection db, long project) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(DemoScenario.class, "resource-name.sql"))) {
      ps.setLong(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static long pending(Connection db, long project) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(DemoScenario.class, "pending-for-project.sql"))) {
      ps.setLong(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void execute(Connection db, String resource) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(SqlResource.load(DemoScenario.class, resource));
    }
  }

  /** Polls the resource until it shows the name; returns the milliseconds since start. */
  private static long awaitName(
      Connection db, long project, String name, Duration timeout, long startNanos)
      throws SQLException {
    long deadline = startNanos + timeout.toNanos();
    while (true) {
      if (Objects.equals(name, resourceName(db, project))) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
      }
      if (System.nanoTime() > deadline) {
        throw new DemoFailed(
            "the resource did not show '" + name + "' within " + timeout.toSeconds() + " s");
      }
      pause(Duration.ofMillis(5));
    }
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new DemoFailed(what);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailed("interrupted");
    }
  }
}
