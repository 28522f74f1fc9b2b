package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code maintain} from cron: each run does what is due and says so. */
@ExtendWith(RealStack.class)
class MaintainIT {

  @Test
  void runsFromCronRotateTheQueue(TestDatabase database) throws Exception {
    try (DemoTables data = DemoTables.install(database)) {
      data.projectWithResource("a", "x", 0);
      CliRun first = maintain(database);
      assertThat(first.code()).isEqualTo(MaintainCommand.DONE);
      assertThat(first.out()).contains("created and attached partition 2");
      assertThat(first.out()).contains("2 partitions attached, 0 detached");

      data.backdateQueue(Instant.now().minus(Duration.ofDays(2)));
      data.exec("UPDATE catalog_resource_sync_events SET status = 2");
      Thread.sleep(1_100); // a spare becomes active a moment after it was created
      // One run does all that is due: hand over, a new spare, and the old partition, nothing in
      // it pending and no slot to wait for, goes.
      assertThat(maintain(database).out())
          .contains("new events now go to partition 2")
          .contains("created and attached partition 3")
          .contains("partition 1 has no pending row")
          .contains("detached partition 1")
          .contains("2 partitions attached, 1 detached");
      CliRun drop = maintain(database, "--retention", "0s");
      assertThat(drop.out()).contains("dropped partition 1");
    }
  }

  @Test
  void aBadDurationIsRefusedWithItsOption(TestDatabase database) {
    CliRun run = maintain(database, "--partition-duration", "soon");
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("--partition-duration");
  }

  private static CliRun maintain(TestDatabase database, String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "maintain";
    args[1] = "--jdbc-url";
    args[2] = database.jdbcUrl();
    args[3] = "--slot";
    args[4] = "no_such_slot";
    System.arraycopy(options, 0, args, 5, options.length);
    return CliRun.of(args);
  }
}
