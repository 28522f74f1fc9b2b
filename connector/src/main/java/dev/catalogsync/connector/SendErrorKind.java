package dev.catalogsync.connector;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What a failed send means, judged by the exception Kafka gave: worth waiting for, the producer's
 * fault, or the event's fault. Only the last may quarantine the event; the others would quarantine
 * every event while they last.
 */
enum SendErrorKind {
  /** Kafka says a later attempt may succeed (a timeout, a leader election): retry. */
  RETRIABLE,

  /**
   * The producer is unusable or cannot talk to this cluster at all (fenced, sequence lost, no
   * idempotent-write permission, broker too old, login refused, closed, or not a Kafka error): not
   * the event's fault, so retry, with a new producer since Kafka says such a producer must be
   * closed.
   */
  PRODUCER_FATAL,

  /**
   * Anything else Kafka does not call retriable: this event will never be accepted as it is (too
   * large for max.request.size or the topic's max.message.bytes, invalid topic, no permission to
   * write the topic, unserializable).
   */
  PERMANENT;

  static SendErrorKind of(Throwable error) {
    // An interrupted send is about this thread, not Kafka nor the event (the flag is set again).
    if (error instanceof RetriableException || error instanceof InterruptException) {
      return RETRIABLE;
    }
    if (error instanceof ProducerFencedException
        || error instanceof InvalidProducerEpochException
        || error instanceof OutOfOrderSequenceException
        || error instanceof ClusterAuthorizationException
        || error instanceof TransactionalIdAuthorizationException
        || error instanceof UnsupportedVersionException
        || error instanceof AuthenticationException) {
      return PRODUCER_FATAL;
    }
    // Not a Kafka error at all (IllegalStateException of a closed producer, a bug): Kafka did not
    // reject the event, so it is not quarantined for it.
    return error instanceof KafkaException ? PERMANENT : PRODUCER_FATAL;
  }
}
