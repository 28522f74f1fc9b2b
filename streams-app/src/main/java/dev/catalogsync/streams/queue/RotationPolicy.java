package dev.catalogsync.streams.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the next steps from the partitions' state, GitLab's sliding list: a new partition once
 * the active one's oldest row is older than the partition duration, detach a retired one once no
 * row in it is pending (and CDC has read it), drop it after the retention.
 *
 * <p>A spare is always kept attached ahead of time and activated in a later run, at least {@link
 * #SPARE_SETTLE} after it was created: a statement that looked up the list of partitions before it
 * existed could otherwise read it as the active one and find no partition for its row.
 *
 * @param partitionDuration how old the active partition's oldest row gets before the next one
 * @param retention how long a detached partition is kept before it is dropped
 */
public record RotationPolicy(Duration partitionDuration, Duration retention) {

  static final Duration SPARE_SETTLE = Duration.ofSeconds(1);

  public List<RotationStep> plan(List<QueuePartition> partitions) {
    List<RotationStep> steps = new ArrayList<>();
    long newest = 0;
    QueuePartition active = null;
    QueuePartition spare = null;
    for (QueuePartition p : partitions) {
      newest = Math.max(newest, p.id());
      if (p.active() && (active == null || p.id() > active.id())) {
        active = p;
      }
      if (p.spare() && (spare == null || p.id() < spare.id())) {
        spare = p;
      }
    }
    if (spare == null) {
      steps.add(new RotationStep.AddSpare(++newest));
    } else if (active != null
        && active.oldestRowAgeMillis() >= partitionDuration.toMillis()
        && spare.createdAgoMillis() >= SPARE_SETTLE.toMillis()) {
      steps.add(new RotationStep.Activate(spare.id()));
      steps.add(new RotationStep.AddSpare(++newest));
    }
    for (QueuePartition p : partitions) {
      if (!p.retired() || p.detached() || (active != null && p.id() > active.id())) {
        continue;
      }
      if (p.hasPending()) {
        continue; // the reconciler still sees its rows; they must not go away
      }
      if (!p.fenced()) {
        steps.add(new RotationStep.Fence(p.id()));
      } else if (p.fencePassed()) {
        steps.add(new RotationStep.Detach(p.id()));
      }
    }
    for (QueuePartition p : partitions) {
      if (p.detached() && p.detachedAgoMillis() >= retention.toMillis()) {
        steps.add(new RotationStep.Drop(p.id()));
      }
    }
    return steps;
  }
}
