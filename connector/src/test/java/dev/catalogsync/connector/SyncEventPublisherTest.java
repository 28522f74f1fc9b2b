package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.schemas.contract.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Publishing blocks and retries until Kafka acknowledges; it never drops or fails a batch. */
class SyncEventPublisherTest {
  private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));

  private final MockProducer<String, byte[]> kafka =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final SyncEventPublisher publisher = new SyncEventPublisher(kafka, "sync", FAST);

  @Test
  void failedSendsAreRetriedUntilAcknowledged() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10), event(2, 20)));

    await().until(() -> kafka.history().size() == 2);
    kafka.errorNext(new TimeoutException("broker down"));
    kafka.errorNext(new TimeoutException("broker down"));
    await().until(() -> kafka.history().size() == 4); // both sent again
    assertThat(publisher.failure()).contains("broker down");
    assertThat(published).isNotDone();

    while (kafka.completeNext()) {
      // acknowledge the retries
    }

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(publisher.failure()).isNull();
    assertThat(publisher.published()).isEqualTo(2);
    assertThat(kafka.history().subList(2, 4)).extracting(r -> r.key()).containsExactly("10", "20");
    assertThat(new String(kafka.history().get(2).value())).contains("\"catalog_resource_id\":10");
  }

  @Test
  void stopRetryingMakesAFailingPublishGiveUpWithoutSuccess() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10)));
    await().until(() -> kafka.history().size() == 1);

    publisher.stopRetrying();
    kafka.errorNext(new TimeoutException("broker down"));

    assertThat(published.get(10, TimeUnit.SECONDS)).isFalse();
  }

  private CompletableFuture<Boolean> publishAsync(List<SyncEvent> events) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return publisher.publish(events);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static SyncEvent event(long id, long resource) {
    return new SyncEvent(
        id,
        resource,
        3,
        "name",
        "description",
        20,
        Instant.parse("2026-11-28T16:20:00Z"),
        100L,
        7L,
        Instant.parse("2026-11-28T16:20:01Z"));
  }
}
