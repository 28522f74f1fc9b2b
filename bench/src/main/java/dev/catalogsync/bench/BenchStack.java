package dev.catalogsync.bench;

import dev.catalogsync.bench.measure.TopicOffsets;
import dev.catalogsync.cli.FlagClient;
import dev.catalogsync.core.Settings;
import dev.catalogsync.dev.EmbeddedPipeline;
import dev.catalogsync.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The machinery under test: the embedded pipeline, with the bench's own settings and without the
 * user's environment, so that every run measures the shipped defaults.
 */
public final class BenchStack implements AutoCloseable {
  public static final String APPLICATION_ID = "catalog-sync-bench";

  private final Path directory;
  private final EmbeddedPipeline pipeline;
  private Map<String, String> connectorOverrides = Map.of();

  private BenchStack(Path directory, EmbeddedPipeline pipeline) {
    this.directory = directory;
    this.pipeline = pipeline;
  }

  /** PostgreSQL in a temporary directory of its own, which {@link #close()} deletes. */
  public static BenchStack startPostgres(String directoryPrefix) throws IOException {
    Path directory = Files.createTempDirectory(directoryPrefix);
    try {
      return new BenchStack(directory, EmbeddedPipeline.startPostgres(directory, 0));
    } catch (RuntimeException e) {
      deleteQuietly(directory);
      throw e;
    }
  }

  PostgresServer postgres() {
    return pipeline.postgres();
  }

  public String jdbcUrl() {
    return pipeline.jdbcUrl();
  }

  public String bootstrapServers() {
    return pipeline.bootstrapServers();
  }

  public void startKafka() {
    // The reconciler is catalog-sync's safety net for events CDC lost; here nothing is lost, and
    // letting it pick up backlog rows would blur what the stream achieves. Its interval goes with
    // it: health counts a row pending for two intervals as stuck, and backlogs here wait on
    // purpose.
    String off = Long.toString(Duration.ofHours(6).toMillis());
    pipeline.startKafka(
        0,
        Map.of(
            "streams.application-id",
            APPLICATION_ID,
            "reconcile.grace.ms",
            off,
            "reconcile.interval.ms",
            off),
        Map.of());
  }

  /** The settings both services run with: shipped defaults plus the wiring, no environment. */
  Settings streamsSettings() {
    return pipeline.streamsSettings();
  }

  public Settings connectorSettings() {
    return pipeline.connectorSettings();
  }

  public String syncTopic() {
    return connectorSettings().string("topic.sync-events");
  }

  /** Returns once the replication stream is live (or the connector's start timeout passed). */
  public void startConnector() {
    pipeline.startConnector(connectorOverrides);
  }

  /**
   * Connector settings laid over the bench's from the next start on (the drain probe compares
   * settings this way; the bench itself runs the shipped defaults).
   */
  public void connectorOverrides(Map<String, String> settings) {
    connectorOverrides = Map.copyOf(settings);
  }

  /**
   * Lets the connector's slot read past everything written so far, then stops the connector: a
   * drain started afterwards decodes its own backlog, not the WAL of what ran before it. Past means
   * its restart point too: a connector that starts again decodes from there, and the restart point
   * only moves on a logged snapshot of running transactions that the client then confirms
   * (checkpoint, heartbeat, again). Measured: without this the Zipf drain spent most of its time
   * re-decoding the contenders' WAL (PostgreSQL busy, the JVM idle), and the first drain the tail
   * of the flat-out phases.
   */
  public void moveSlotPast(Connection c, Progress progress, String what)
      throws SQLException, InterruptedException {
    String walEnd = Db.queryString(c, "current-wal-lsn.sql");
    long start = System.nanoTime();
    startConnector();
    String slot = replicationSlot();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    boolean passed = false;
    while (!passed && System.nanoTime() < deadline) {
      if (Db.queryBoolean(c, "slot-caught-up.sql", walEnd, slot)) {
        passed = Db.queryBoolean(c, "slot-restart-passed.sql", walEnd, slot);
        if (!passed) {
          Db.script(c, "slot-advance.sql");
        }
      }
      if (!passed) {
        Thread.sleep(500);
      }
    }
    stopConnector();
    progress.line(
        "  the slot %s %s in %.1f s",
        passed ? "read past" : "did NOT get past (3 min time box)",
        what,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Where a drain's backlog starts: the slot past everything written so far ({@link
   * #moveSlotPast}), every resource stale again, dead rows vacuumed. Returns the highest queue id
   * so far (the backlog's ids come after it).
   */
  public long startBacklog(Connection c, Progress progress, String what)
      throws SQLException, InterruptedException {
    moveSlotPast(c, progress, what);
    // Unversioned again (what ran before left its versions): every write goes through.
    Db.update(c, "stale-resources.sql");
    Db.script(c, "vacuum.sql");
    return Db.queryLong(c, "max-event-id.sql");
  }

  /** Records in the sync-events topic so far, over all partitions. */
  public long syncTopicEnd() throws InterruptedException, ExecutionException {
    try (TopicOffsets offsets = new TopicOffsets(bootstrapServers(), syncTopic())) {
      return TopicOffsets.sum(offsets.end());
    }
  }

  /**
   * Turns the flag off while a backlog is made, so the running streams app neither applies nor
   * catches up with it before catalog-sync's drain starts its clock and turns the flag on again (as
   * after a pause of the pipeline, the app warm). Waits a moment: instances read the flag topic
   * continuously, but not at once.
   */
  public void pauseSync() throws InterruptedException {
    flag(false);
    Thread.sleep(1000);
  }

  /**
   * Same starting line for every contender: backlog pending, resources stale, no dead rows. On a
   * connection of its own: a backend reports its row counts when it ends, so these updates are
   * counted before the contender's row writes start to be.
   */
  public void prepareContender(long from, long to) throws SQLException, InterruptedException {
    try (Connection own = Db.connect(jdbcUrl())) {
      Db.update(own, "reset-backlog.sql", from, to);
      Db.update(own, "stale-resources.sql");
      Db.script(own, "vacuum.sql");
    }
    Thread.sleep(500);
  }

  public void stopConnector() {
    pipeline.stopConnector();
  }

  /** Starts the streams app and waits until it is RUNNING. */
  public void startStreams(Duration timeout) throws InterruptedException {
    startStreams(timeout, APPLICATION_ID, Map.of());
  }

  /**
   * Starts the streams app under an application id of its own choosing (a new consumer group and
   * fresh state) with some settings of its own, and waits until it is RUNNING.
   */
  public void startStreams(Duration timeout, String applicationId, Map<String, String> settings)
      throws InterruptedException {
    pipeline.startStreams(applicationId, settings);
    pipeline.awaitReady(timeout);
  }

  /**
   * Turns the sync flag on or off, as an operator would (the flag topic); returns once the broker
   * has it, every streams instance reads it within moments.
   */
  public void flag(boolean on) {
    Settings streams = streamsSettings();
    new FlagClient(bootstrapServers(), Map.of(), streams.string("topic.flags"))
        .set(streams.string("flag.name"), on, "catalog-sync bench");
  }

  /**
   * Stops the streams app and starts it again under the bench's application id, with {@code
   * settings} laid over the bench's (none: as the run started it); waits until it is RUNNING.
   */
  public void restartStreams(Map<String, String> settings, Duration timeout)
      throws InterruptedException {
    pipeline.stopStreams();
    pipeline.startStreams(APPLICATION_ID, settings);
    pipeline.awaitReady(timeout);
  }

  /** The connector's replication slot, which the queue's rotation waits for. */
  public String replicationSlot() {
    return connectorSettings().string("connector.slot");
  }

  public void stopStreams() {
    pipeline.stopStreams();
  }

  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      deleteQuietly(directory);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is not worth failing a finished run
    }
  }
}
