package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteHealthTest {
  private final AtomicLong nanos = new AtomicLong();
  private final WriteHealth health = new WriteHealth(Duration.ofSeconds(60), nanos::get);

  @Test
  void failingWritesMakeItUnhealthyOnlyOnceTheyHaveFailedForLongerThanTheLimit() {
    health.failed(new SQLException("Connection refused"));
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    health.failed(new SQLException("Connection refused again"));
    assertThat(health.problem()).isEmpty();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(health.problem())
        .hasValue(
            "every database write failed for 61 s, last: SQLException: Connection refused again");
  }

  @Test
  void oneSuccessfulWriteMakesItHealthyAgain() {
    health.failed(new SQLException("Connection refused"));
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    health.succeeded();
    assertThat(health.problem()).isEmpty();

    health.failed(new SQLException("Connection refused"));
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(health.problem()).isEmpty(); // the clock starts again at the first new failure
  }

  @Test
  void neverWritingIsHealthy() {
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(health.problem()).isEmpty();
  }
}
