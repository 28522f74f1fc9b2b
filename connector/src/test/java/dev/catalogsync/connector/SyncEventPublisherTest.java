package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.core.Backoff;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.contract.SyncEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Publishing blocks and retries until Kafka acknowledges; an event Kafka rejects for good goes to
 * the dead-letter topic instead; no event is ever dropped.
 */
class SyncEventPublisherTest {
  private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final MockProducer<String, byte[]> kafka = producer();
  private final DeadLetterStats stats = new DeadLetterStats(new SimpleMeterRegistry());
  private final SyncEventPublisher publisher =
      new SyncEventPublisher(
          () -> kafka, "sync", "dead", FAST, stats, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void failedSendsAreRetriedUntilAcknowledged() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10), event(2, 20)));

    await().until(() -> kafka.history().size() == 2);
    kafka.errorNext(new TimeoutException("broker down"));
    kafka.errorNext(new TimeoutException("broker down"));
    await().until(() -> kafka.history().size() == 4); // both sent again
    assertThat(publisher.failure()).contains("Kafka unavailable", "broker down");
    assertThat(published).isNotDone();

    while (kafka.completeNext()) {
      // acknowledge the retries
    }

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(publisher.failure()).isNull();
    assertThat(publisher.published()).isEqualTo(2);
    assertThat(kafka.history().subList(2, 4)).extracting(r -> r.key()).containsExactly("10", "20");
    assertThat(new String(kafka.history().get(2).value())).contains("\"catalog_resource_id\":10");
    assertThat(stats.count()).isZero();
  }

  @Test
  void stopRetryingMakesAFailingPublishGiveUpWithoutSuccess() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10)));
    await().until(() -> kafka.history().size() == 1);

    publisher.stopRetrying();
    kafka.errorNext(new TimeoutException("broker down"));

    assertThat(published.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void anEventRejectedForGoodIsQuarantinedAndTheOthersArePublished() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10), event(2, 20)));

    await().until(() -> kafka.history().size() == 2);
    kafka.errorNext(new RecordTooLargeException("The message is 1572950 bytes"));
    kafka.completeNext();
    await().until(() -> kafka.history().size() == 3); // sent alone, to be sure it is to blame
    kafka.errorNext(new RecordTooLargeException("The message is 1572950 bytes"));
    await().until(() -> kafka.history().size() == 4); // its dead letter
    assertThat(published).isNotDone(); // not before the letter is acknowledged
    kafka.completeNext();

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    ProducerRecord<String, byte[]> letter = kafka.history().get(3);
    assertThat(letter.topic()).isEqualTo("dead");
    assertThat(letter.key()).isEqualTo("10");
    JsonNode value = Json.mapper().readTree(letter.value());
    assertThat(value.get("source_offset").asLong()).isEqualTo(1);
    assertThat(value.get("error").asText())
        .isEqualTo("RecordTooLargeException: The message is 1572950 bytes");
    assertThat(value.get("failed_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(publisher.published()).isEqualTo(1);
    assertThat(publisher.failure()).isNull();
    assertThat(stats.count()).isEqualTo(1);
    assertThat(stats.lastError()).contains("RecordTooLargeException");
  }

  @Test
  void aNeighbourFailedWithTheRejectedBatchIsPublishedNotQuarantined() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10), event(2, 20)));

    await().until(() -> kafka.history().size() == 2);
    // What the producer gives the other records of a batch the broker rejected for one of them.
    kafka.errorNext(new KafkaException("Failed to append record because it was part of a batch"));
    kafka.errorNext(new KafkaException("Failed to append record because it was part of a batch"));
    await().until(() -> kafka.history().size() == 3);
    kafka.completeNext(); // on its own, event 1 is accepted
    await().until(() -> kafka.history().size() == 4);
    kafka.completeNext(); // and so is event 2

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kafka.history()).extracting(ProducerRecord::topic).containsOnly("sync");
    assertThat(publisher.published()).isEqualTo(2);
    assertThat(stats.count()).isZero();
  }

  @Test
  void aFailingDeadLetterIsRetriedAndTheBatchWaitsForIt() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10)));

    await().until(() -> kafka.history().size() == 1);
    kafka.errorNext(new TopicAuthorizationException("Not authorized to access topics: [sync]"));
    await().until(() -> kafka.history().size() == 2); // the letter, straight away: it was alone
    kafka.errorNext(new TimeoutException("broker down"));
    await().until(() -> kafka.history().size() == 3); // the letter again
    assertThat(publisher.failure())
        .contains(
            "dead-letter topic dead", "event 1", "TopicAuthorizationException", "broker down");
    assertThat(published).isNotDone();
    kafka.completeNext();

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kafka.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("sync", "dead", "dead");
    assertThat(publisher.failure()).isNull();
    assertThat(stats.count()).isEqualTo(1);
  }

  @Test
  void stopRetryingGivesUpADeadLetterThatFails() throws Exception {
    CompletableFuture<Boolean> published = publishAsync(List.of(event(1, 10)));
    await().until(() -> kafka.history().size() == 1);
    kafka.errorNext(new RecordTooLargeException("too large"));
    await().until(() -> kafka.history().size() == 2);

    publisher.stopRetrying();
    kafka.errorNext(new TimeoutException("broker down"));

    assertThat(published.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(stats.count()).isZero();
  }

  @Test
  void aFatalProducerErrorIsRetriedWithANewProducerNotQuarantined() throws Exception {
    MockProducer<String, byte[]> first = producer();
    MockProducer<String, byte[]> second = producer();
    Deque<Producer<String, byte[]>> producers = new ArrayDeque<>(List.of(first, second));
    SyncEventPublisher renewing =
        new SyncEventPublisher(producers::pop, "sync", "dead", FAST, stats, Clock.systemUTC());
    CompletableFuture<Boolean> published = publishAsync(renewing, List.of(event(1, 10)));

    await().until(() -> first.history().size() == 1);
    first.errorNext(new ProducerFencedException("fenced"));
    await().until(() -> second.history().size() == 1);
    assertThat(first.closed()).isTrue();
    second.completeNext();

    assertThat(published.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.history().get(0).topic()).isEqualTo("sync");
    assertThat(stats.count()).isZero();
  }

  @Test
  void theHugeValueOfALetterIsCutAtACharacterBoundaryAndSaysSo() throws Exception {
    String description = "é".repeat(DeadLetters.MAX_VALUE_BYTES); // 2 bytes each in UTF-8
    SyncEvent huge = event(7, 70, description);
    byte[] json = dev.catalogsync.schemas.contract.Contract.encodeUnchecked(huge);

    ProducerRecord<String, byte[]> letter =
        DeadLetters.record("dead", huge, json, "RecordTooLargeException: big\nsecond line", NOW);

    JsonNode value = Json.mapper().readTree(letter.value());
    String prefix = value.get("value").asText();
    assertThat(prefix.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(DeadLetters.MAX_VALUE_BYTES - 1, DeadLetters.MAX_VALUE_BYTES);
    assertThat(new String(json, StandardCharsets.UTF_8)).startsWith(prefix);
    assertThat(prefix).doesNotContain("\uFFFD");
    String error = value.get("error").asText();
    assertThat(error)
        .startsWith("RecordTooLargeException: big second line (value truncated to its first ")
        .endsWith(" of " + json.length + " bytes)");
    assertThat(new String(letter.headers().lastHeader("catalog-sync.error").value()))
        .isEqualTo(error);
    assertThat(new String(letter.headers().lastHeader("catalog-sync.stage").value()))
        .isEqualTo("connector.publish");
    assertThat(value.get("source_topic").asText()).isEqualTo("catalog_resource_sync_events");
    assertThat(value.get("source_partition").asInt()).isZero();
    assertThat(value.get("source_offset").asLong()).isEqualTo(7);
    assertThat(value.get("key").asText()).isEqualTo("70");
    assertThat(value.get("stage").asText()).isEqualTo("connector.publish");
  }

  @Test
  void aSmallValueIsKeptWhole() throws Exception {
    SyncEvent small = event(8, 80);
    byte[] json = dev.catalogsync.schemas.contract.Contract.encodeUnchecked(small);

    ProducerRecord<String, byte[]> letter =
        DeadLetters.record("dead", small, json, "SerializationException: no", NOW);

    JsonNode value = Json.mapper().readTree(letter.value());
    assertThat(value.get("value").asText()).isEqualTo(new String(json, StandardCharsets.UTF_8));
    assertThat(value.get("error").asText()).isEqualTo("SerializationException: no");
  }

  private CompletableFuture<Boolean> publishAsync(List<SyncEvent> events) {
    return publishAsync(publisher, events);
  }

  private static CompletableFuture<Boolean> publishAsync(
      SyncEventPublisher publisher, List<SyncEvent> events) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return publisher.publish(events);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static MockProducer<String, byte[]> producer() {
    return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  }

  /** A publisher on one producer, dead letters to topic {@code dead}, for other tests. */
  static SyncEventPublisher publisher(Producer<String, byte[]> producer, Backoff backoff) {
    return new SyncEventPublisher(
        () -> producer,
        "sync",
        "dead",
        backoff,
        new DeadLetterStats(new SimpleMeterRegistry()),
        Clock.systemUTC());
  }

  static SyncEvent event(long id, long resource) {
    return event(id, resource, "description");
  }

  static SyncEvent event(long id, long resource, String description) {
    return new SyncEvent(
        id,
        resource,
        3,
        "name",
        description,
        20,
        Instant.parse("2026-11-28T16:20:00Z"),
        100L,
        7L,
        Instant.parse("2026-11-28T16:20:01Z"));
  }
}
