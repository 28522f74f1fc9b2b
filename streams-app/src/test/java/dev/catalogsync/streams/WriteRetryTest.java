package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteRetryTest {

  @Test
  void waitsDoubleUpToACapAndResetOnSuccess() {
    WriteRetry backoff = new WriteRetry(Duration.ofMillis(100));
    assertThat(backoff.ready(0)).isTrue();
    assertThat(backoff.failed(0)).isEqualTo(100);
    assertThat(backoff.ready(99)).isFalse();
    assertThat(backoff.ready(100)).isTrue();
    assertThat(backoff.failed(100)).isEqualTo(200);
    for (int i = 0; i < 10; i++) {
      backoff.failed(1000);
    }
    assertThat(backoff.failed(1000)).isEqualTo(100L * WriteRetry.MAX_FACTOR);
    assertThat(backoff.succeeded()).isEqualTo(13);
    assertThat(backoff.ready(0)).isTrue();
    assertThat(backoff.failed(0)).isEqualTo(100);
  }
}
