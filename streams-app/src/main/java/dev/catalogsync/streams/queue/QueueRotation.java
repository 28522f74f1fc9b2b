package dev.catalogsync.streams.queue;

import dev.catalogsync.streams.ReconcileLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the queue's partitions: reads their state, plans with {@link RotationPolicy}, runs each
 * step in its own transaction holding the reconciler's advisory lock, so one instance (or one
 * {@code catalog-sync maintain}) rotates at a time and never while another reconciles.
 */
public final class QueueRotation {
  private static final Logger LOG = LoggerFactory.getLogger(QueueRotation.class);

  private final RotationPolicy policy;
  private final String slot;

  /**
   * @param slot the connector's replication slot, which must have confirmed a partition's rows
   */
  public QueueRotation(RotationPolicy policy, String slot) {
    this.policy = policy;
    this.slot = slot;
  }

  /**
   * One run on an open connection in auto-commit mode; throws when the database fails. Each step is
   * planned and run in a transaction of its own that holds the lock, so a plan never rests on what
   * another instance changed since.
   */
  public RotationResult run(Connection c) throws SQLException {
    List<RotationStep> done = new ArrayList<>();
    List<RotationStep> waiting = new ArrayList<>();
    Set<RotationStep> tried = new HashSet<>();
    while (true) {
      Outcome outcome = nextStep(c, tried);
      if (outcome == LOCKED) {
        return new RotationResult(done, waiting, true);
      }
      if (outcome == NOTHING_LEFT) {
        return new RotationResult(done, waiting, false);
      }
      tried.add(outcome.step());
      if (outcome.result().equals("done") || outcome.result().equals("detached")) {
        done.add(outcome.step());
        LOG.info(
            "queue rotation: {} partition {}",
            describe(outcome.step()),
            outcome.step().partition());
      } else {
        waiting.add(outcome.step());
        LOG.debug(
            "queue rotation: {} partition {} waits ({})",
            describe(outcome.step()),
            outcome.step().partition(),
            outcome.result());
      }
    }
  }

  private record Outcome(RotationStep step, String result) {}

  private static final Outcome LOCKED = new Outcome(null, "another instance holds the lock");
  private static final Outcome NOTHING_LEFT = new Outcome(null, "nothing left to do");

  /** Plans under the lock and runs the first step not tried in this run. */
  private Outcome nextStep(Connection c, Set<RotationStep> tried) throws SQLException {
    Outcome outcome =
        ReconcileLock.inTransaction(
            c,
            locked -> {
              Optional<RotationStep> step =
                  policy.plan(QueuePartitions.read(locked, slot)).stream()
                      .filter(s -> !tried.contains(s))
                      .findFirst();
              return step.isEmpty()
                  ? NOTHING_LEFT
                  : new Outcome(step.get(), QueuePartitions.run(locked, step.get()));
            });
    return outcome == null ? LOCKED : outcome;
  }

  static String describe(RotationStep step) {
    if (step instanceof RotationStep.AddSpare) {
      return "created and attached";
    } else if (step instanceof RotationStep.Activate) {
      return "new events now go to";
    } else if (step instanceof RotationStep.Fence) {
      return "waiting for the slot to pass";
    } else if (step instanceof RotationStep.Detach) {
      return "detached";
    }
    return "dropped";
  }
}
