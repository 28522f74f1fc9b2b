package dev.catalogsync.cli;

import dev.catalogsync.core.DurationOption;
import dev.catalogsync.core.ErrorText;
import dev.catalogsync.streams.queue.QueueRotation;
import dev.catalogsync.streams.queue.QueueSize;
import dev.catalogsync.streams.queue.RotationPolicy;
import dev.catalogsync.streams.queue.RotationResult;
import dev.catalogsync.streams.queue.RotationStep;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync maintain}: one rotation of the queue's partitions, for cron. */
@Command(
    name = "maintain",
    header = "Rotate the queue's partitions once: create, detach and drop what is due.",
    mixinStandardHelpOptions = true,
    description =
        "Does what the streams app does on every reconcile tick (queue.rotate=true), for those who run it from cron instead: keeps a spare partition attached, sends new events to it once the active partition's oldest row is older than --partition-duration, detaches a retired partition once none of its rows is pending and the replication slot has confirmed it, and drops it --retention later. Holds the reconciler's advisory lock, so it never runs beside another rotation or reconcile. A projects update never waits on it for more than a few ms. Exit codes: 0 done (also when nothing was due), 2 another instance held the lock, 3 error.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync maintain --jdbc-url 'jdbc:postgresql://db.example:5432/gitlab?user=catalog_sync'",
      "  0 * * * * catalog-sync maintain --jdbc-url ... --retention 3d   (crontab: every hour)"
    })
final class MaintainCommand implements Callable<Integer> {
  static final int DONE = 0;
  static final int LOCKED = 2;
  static final int ERROR = 3;

  /** Tries of a detach whose lock was busy for 5 ms; between them the lock is let go. */
  private static final int DETACH_TRIES = 20;

  @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the database.")
  String jdbcUrl;

  @Option(
      names = "--partition-duration",
      defaultValue = "1d",
      converter = DurationOption.class,
      description =
          "Age of the active partition's oldest row that starts the next. Default: ${DEFAULT-VALUE}")
  Duration partitionDuration;

  @Option(
      names = "--retention",
      defaultValue = "7d",
      converter = DurationOption.class,
      description = "How long a detached partition is kept. Default: ${DEFAULT-VALUE}")
  Duration retention;

  @Option(
      names = "--slot",
      defaultValue = "catalog_sync_slot",
      description = "The connector's replication slot (connector.slot). Default: ${DEFAULT-VALUE}")
  String slot;

  @Override
  public Integer call() {
    if (partitionDuration.isZero() || partitionDuration.isNegative() || retention.isNegative()) {
      System.err.println("error: --partition-duration must be above 0 and --retention not below 0");
      return ERROR;
    }
    QueueRotation rotation =
        new QueueRotation(new RotationPolicy(partitionDuration, retention), slot);
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      RotationResult result = rotation.run(db);
      for (int i = 1; i < DETACH_TRIES && !result.skipped() && busyDetach(result.waiting()); i++) {
        Thread.sleep(250);
        result = rotation.run(db);
      }
      if (result.skipped() && result.done().isEmpty() && result.waiting().isEmpty()) {
        System.err.println("maintain: another instance holds the lock; nothing done");
        return LOCKED;
      }
      for (RotationStep step : result.done()) {
        System.out.println("maintain: " + describe(step));
      }
      for (RotationStep step : result.waiting()) {
        System.out.println(
            "maintain: partition " + step.partition() + " could not be detached yet");
      }
      QueueSize size = QueueSize.read(db);
      System.out.printf(
          "maintain: %d partitions attached, %d detached, about %d rows, %d MB%n",
          size.attachedPartitions(),
          size.detachedPartitions(),
          size.rowsEstimate(),
          size.bytes() / (1024 * 1024));
      return DONE;
    } catch (SQLException | RuntimeException e) {
      System.err.println("error: " + ErrorText.oneLine(e));
      return ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ERROR;
    }
  }

  private static boolean busyDetach(List<RotationStep> waiting) {
    return waiting.stream().anyMatch(RotationStep.Detach.class::isInstance);
  }

  private static String describe(RotationStep step) {
    long p = step.partition();
    if (step instanceof RotationStep.AddSpare) {
      return "created and attached partition " + p + " (new events go there from a later run)";
    } else if (step instanceof RotationStep.Activate) {
      return "new events now go to partition " + p;
    } else if (step instanceof RotationStep.Fence) {
      return "partition " + p + " has no pending row; detached once the slot confirmed it";
    } else if (step instanceof RotationStep.Detach) {
      return "detached partition " + p;
    }
    return "dropped partition " + p;
  }
}
