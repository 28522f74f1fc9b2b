package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

/** Which send errors are waited out, which renew the producer, which quarantine the event. */
class SendErrorKindTest {

  @Test
  void retriableErrorsAreRetried() {
    assertThat(SendErrorKind.of(new TimeoutException("t"))).isEqualTo(SendErrorKind.RETRIABLE);
    assertThat(SendErrorKind.of(new NotEnoughReplicasException("r")))
        .isEqualTo(SendErrorKind.RETRIABLE);
    assertThat(SendErrorKind.of(new NetworkException("n"))).isEqualTo(SendErrorKind.RETRIABLE);
    assertThat(SendErrorKind.of(new NotLeaderOrFollowerException("l")))
        .isEqualTo(SendErrorKind.RETRIABLE);
    // A topic deleted under us is waited for (metadata), not a reason to quarantine everything.
    assertThat(SendErrorKind.of(new UnknownTopicOrPartitionException("u")))
        .isEqualTo(SendErrorKind.RETRIABLE);
    assertThat(SendErrorKind.of(new InterruptException("i"))).isEqualTo(SendErrorKind.RETRIABLE);
    Thread.interrupted(); // InterruptException set the flag
  }

  @Test
  void errorsThatBreakTheProducerRenewItInsteadOfQuarantining() {
    assertThat(SendErrorKind.of(new ProducerFencedException("f")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(SendErrorKind.of(new OutOfOrderSequenceException("o")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(SendErrorKind.of(new UnknownProducerIdException("p")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(SendErrorKind.of(new ClusterAuthorizationException("c")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(SendErrorKind.of(new UnsupportedVersionException("v")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(SendErrorKind.of(new SaslAuthenticationException("s")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
    assertThat(
            SendErrorKind.of(
                new IllegalStateException(
                    "Cannot perform operation after producer has been closed")))
        .isEqualTo(SendErrorKind.PRODUCER_FATAL);
  }

  @Test
  void everyOtherKafkaErrorIsTheEventsAndQuarantinesIt() {
    assertThat(SendErrorKind.of(new RecordTooLargeException("big")))
        .isEqualTo(SendErrorKind.PERMANENT);
    assertThat(SendErrorKind.of(new InvalidTopicException("bad")))
        .isEqualTo(SendErrorKind.PERMANENT);
    assertThat(SendErrorKind.of(new TopicAuthorizationException("acl")))
        .isEqualTo(SendErrorKind.PERMANENT);
    assertThat(SendErrorKind.of(new SerializationException("ser")))
        .isEqualTo(SendErrorKind.PERMANENT);
    assertThat(SendErrorKind.of(new InvalidRecordException("rec")))
        .isEqualTo(SendErrorKind.PERMANENT);
    assertThat(SendErrorKind.of(new KafkaException("part of a batch")))
        .isEqualTo(SendErrorKind.PERMANENT);
  }
}
