package dev.catalogsync.streams.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.streams.queue.RotationStep.Activate;
import dev.catalogsync.streams.queue.RotationStep.AddSpare;
import dev.catalogsync.streams.queue.RotationStep.Detach;
import dev.catalogsync.streams.queue.RotationStep.Drop;
import dev.catalogsync.streams.queue.RotationStep.Fence;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private final RotationPolicy policy = new RotationPolicy(Duration.ofDays(1), Duration.ofDays(7));

  private static QueuePartition active(long id, long oldestRowAge) {
    return new QueuePartition(
        id, true, false, false, 10 * DAY, -1, true, oldestRowAge, false, false);
  }

  private static QueuePartition spare(long id, long createdAgo) {
    return new QueuePartition(id, false, false, false, createdAgo, -1, false, -1, false, false);
  }

  private static QueuePartition retired(long id, boolean pending, boolean fenced, boolean passed) {
    return new QueuePartition(id, true, true, false, 10 * DAY, -1, pending, -1, fenced, passed);
  }

  private static QueuePartition detached(long id, long detachedAgo) {
    return new QueuePartition(id, true, true, true, 10 * DAY, detachedAgo, false, -1, true, true);
  }

  @Test
  void aSpareIsKeptAheadOfTheActivePartition() {
    assertThat(policy.plan(List.of(active(1, 1000)))).containsExactly(new AddSpare(2));
  }

  @Test
  void nothingHappensWhileTheActivePartitionIsYoung() {
    assertThat(policy.plan(List.of(active(1, DAY - 1), spare(2, DAY)))).isEmpty();
    assertThat(policy.plan(List.of(active(1, -1), spare(2, DAY)))).isEmpty(); // empty: no rotation
  }

  @Test
  void anOldActivePartitionHandsOverToTheSpareAndANewSpareFollows() {
    assertThat(policy.plan(List.of(active(1, DAY), spare(2, 5000))))
        .containsExactly(new Activate(2), new AddSpare(3));
  }

  @Test
  void aSpareCreatedJustNowWaitsForTheNextRun() {
    assertThat(policy.plan(List.of(active(1, 2 * DAY), spare(2, 10)))).isEmpty();
  }

  @Test
  void aRetiredPartitionWithAPendingRowIsNeverDetached() {
    assertThat(policy.plan(List.of(retired(1, true, true, true), active(2, 5), spare(3, 5))))
        .isEmpty();
  }

  @Test
  void aRetiredPartitionIsFencedThenDetachedOnceTheSlotPassedTheFence() {
    assertThat(policy.plan(List.of(retired(1, false, false, false), active(2, 5), spare(3, 5))))
        .containsExactly(new Fence(1));
    assertThat(policy.plan(List.of(retired(1, false, true, false), active(2, 5), spare(3, 5))))
        .isEmpty();
    assertThat(policy.plan(List.of(retired(1, false, true, true), active(2, 5), spare(3, 5))))
        .containsExactly(new Detach(1));
  }

  @Test
  void aDetachedPartitionIsDroppedAfterTheRetention() {
    assertThat(policy.plan(List.of(detached(1, 7 * DAY - 1), active(2, 5), spare(3, 5)))).isEmpty();
    assertThat(policy.plan(List.of(detached(1, 7 * DAY), active(2, 5), spare(3, 5))))
        .containsExactly(new Drop(1));
  }
}
