package dev.catalogsync.cli;

import dev.catalogsync.core.SqlResource;
import dev.catalogsync.streams.verify.SyncEventEnqueuer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync backfill}: one pending event per resource, so CDC carries them all. */
@Command(
    name = "backfill",
    header = "Create sync events for all or selected resources.",
    mixinStandardHelpOptions = true,
    description =
        "Creates a pending sync event with the project's current values for every catalog resource (or the given ones), in batches, each its own transaction. Use it for resources that never had an event (installed on an existing database, restored from a backup).",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync backfill --jdbc-url 'jdbc:postgresql://127.0.0.1:54329/catalog?user=postgres'",
      "  ./catalog-sync backfill --jdbc-url ... --resource-ids 4,8,15 --batch-size 500"
    })
final class BackfillCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the database.")
  String jdbcUrl;

  @Option(
      names = "--resource-ids",
      split = ",",
      description = "Only these catalog resource ids (default: all).")
  List<Long> resourceIds = List.of();

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Events per transaction. Default: ${DEFAULT-VALUE}")
  int batchSize;

  @Override
  public Integer call() throws SQLException {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("--batch-size must be above 0, got " + batchSize);
    }
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      Array ids = db.createArrayOf("bigint", resourceIds.toArray());
      long total = count(db, ids);
      ProgressBar progress = new ProgressBar(System.err, total);
      long after = 0;
      long done = 0;
      try (SyncEventEnqueuer enqueuer = new SyncEventEnqueuer(db)) {
        List<Long> enqueued;
        while (!(enqueued = enqueuer.nextBatch(after, resourceIds, batchSize)).isEmpty()) {
          after = java.util.Collections.max(enqueued);
          done += enqueued.size();
          progress.show(done);
        }
      }
      progress.finish();
      System.out.printf("backfill: %d sync event(s) created%n", done);
      return 0;
    }
  }

  private static long count(Connection db, Array ids) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(BackfillCommand.class, "backfill-count.sql"))) {
      ps.setArray(1, ids);
      ps.setArray(2, ids);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
