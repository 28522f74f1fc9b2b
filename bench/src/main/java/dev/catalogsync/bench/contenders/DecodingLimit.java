package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * The ceiling for any log-based CDC on this server: PostgreSQL's own logical decoding of the
 * backlog (pgoutput, the connector's publication, over the replication protocol as Debezium reads
 * it) to a client that only counts the inserts. No Debezium, no Kafka, no writes. The slot is made
 * before the backlog is written and dropped when the measurement ends.
 */
public final class DecodingLimit implements AutoCloseable {
  public static final String NAME = "decoding limit";
  static final String SLOT = "catalog_sync_bench_decoding";

  /** pgoutput's message type of a row insert. */
  private static final byte INSERT = 'I';

  private final String jdbcUrl;

  private DecodingLimit(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Starts remembering WAL from here: call before the backlog is written. */
  public static DecodingLimit createSlot(String jdbcUrl) throws SQLException {
    try (Connection c = Db.connect(jdbcUrl)) {
      Db.queryLong(c, "decoding-slot-drop.sql", SLOT);
      Db.queryString(c, "decoding-slot-create.sql", SLOT);
    }
    return new DecodingLimit(jdbcUrl);
  }

  /** Reads the slot until {@code events} inserts arrived or the time box ended. */
  public DrainResult run(
      ResourceMeter meter, String publication, long events, Duration timeBox, Progress progress)
      throws SQLException {
    Properties replication = new Properties();
    PGProperty.REPLICATION.set(replication, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "10");
    PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
    long inserts = 0;
    long messages = 0;
    long bytes = 0;
    ResourceMeter.Snapshot before = meter.snapshot();
    long start = System.nanoTime();
    long deadline = start + timeBox.toNanos();
    double firstInsert = Double.NaN;
    try (Connection c = DriverManager.getConnection(jdbcUrl, replication);
        PGReplicationStream stream =
            c.unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(SLOT)
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", publication)
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start()) {
      while (inserts < events && System.nanoTime() < deadline) {
        ByteBuffer message = stream.readPending();
        if (message == null) {
          LockSupport.parkNanos(200_000);
          continue;
        }
        messages++;
        bytes += message.remaining();
        if (message.get(message.position()) == INSERT) {
          if (inserts == 0) {
            firstInsert = CatalogSyncDrain.seconds(start);
          }
          inserts++;
        }
      }
    }
    boolean finished = inserts >= events;
    double seconds = finished ? CatalogSyncDrain.seconds(start) : timeBox.toMillis() / 1000.0;
    ResourceMeter.Usage usage = meter.between(before, meter.snapshot());
    Map<String, Double> milestones = new LinkedHashMap<>();
    milestones.put("first insert", firstInsert);
    milestones.put("pgoutput messages", (double) messages);
    milestones.put("MB received", bytes / 1e6);
    DrainResult r =
        new DrainResult(NAME, events, inserts, seconds, Double.NaN, finished, 0, milestones, usage);
    r.printTo(progress, NAME);
    return r;
  }

  /** Drops the slot; the walsender of the closed stream may take a moment to let go of it. */
  @Override
  public void close() throws SQLException {
    try (Connection c = Db.connect(jdbcUrl)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Db.queryLong(c, "decoding-slot-drop.sql", SLOT);
      while (Db.queryBoolean(c, "slot-exists.sql", SLOT) && System.nanoTime() < deadline) {
        PerEventSink.sleepQuietly(100);
        Db.queryLong(c, "decoding-slot-drop.sql", SLOT);
      }
    }
  }
}
