package dev.catalogsync.streams;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids of the queue rows a task consumed but has not marked processed yet, kept per resource: a row
 * may be marked once its resource's state is written. Ids a statement could not see yet wait in a
 * bucket of their own and go with the next statement.
 *
 * <p>Only in memory: after a crash the rows consumed since the last commit come back from Kafka;
 * the rare row consumed before the commit but not yet marked stays pending and the reconciler marks
 * it after its grace period (the resource row is already correct).
 */
final class PendingMarks {
  /**
   * How long ids the database did not show a statement are marked again; far longer than a commit
   * takes to become visible, short of the reconciler's default grace period.
   */
  static final long NOT_VISIBLE_RETRY_MILLIS = 30_000;

  private final Map<Long, Ids> byResource = new HashMap<>();
  private final Ids retries = new Ids();
  private Map<Long, Long> notVisibleSince = new HashMap<>(); // id -> first seen not visible
  private long total;

  /** An event of the resource whose state is waiting for a write. */
  void add(long resourceId, long eventId) {
    byResource.computeIfAbsent(resourceId, k -> new Ids()).add(eventId);
    total++;
  }

  /** Every id in memory, for bounding what waits. */
  long size() {
    return total;
  }

  boolean hasRetries() {
    return retries.size > 0;
  }

  /** The ids of the given resources plus the retry bucket, without removing them. */
  long[] idsFor(Iterable<Long> resourceIds, boolean withRetries) {
    int n = withRetries ? retries.size : 0;
    for (Long id : resourceIds) {
      Ids ids = byResource.get(id);
      n += ids == null ? 0 : ids.size;
    }
    long[] out = new long[n];
    int at = 0;
    if (withRetries) {
      System.arraycopy(retries.values, 0, out, 0, retries.size);
      at = retries.size;
    }
    for (Long id : resourceIds) {
      Ids ids = byResource.get(id);
      if (ids != null) {
        System.arraycopy(ids.values, 0, out, at, ids.size);
        at += ids.size;
      }
    }
    return out;
  }

  /**
   * Forgets the ids {@link #idsFor} returned, once the statement that marked them committed. The
   * ids it could not see yet (their commit reached CDC before it became visible) go into the retry
   * bucket again, for the next statement, until they have waited {@link #NOT_VISIBLE_RETRY_MILLIS}.
   *
   * @return how many ids were given up on (the reconciler marks those rows after its grace period)
   */
  int marked(
      Iterable<Long> resourceIds, boolean withRetries, List<Long> notVisible, long nowMillis) {
    if (withRetries) {
      total -= retries.size;
      retries.clear();
    }
    for (Long id : resourceIds) {
      Ids ids = byResource.remove(id);
      if (ids != null) {
        total -= ids.size;
      }
    }
    // With the retry bucket, every id tried again was in the statement: the ones not back are
    // marked. Without it, the earlier ones still wait in the bucket.
    Map<Long, Long> stillNotVisible = withRetries ? new HashMap<>() : notVisibleSince;
    int givenUp = 0;
    for (long id : notVisible) {
      long since = notVisibleSince.getOrDefault(id, nowMillis);
      if (nowMillis - since >= NOT_VISIBLE_RETRY_MILLIS) {
        stillNotVisible.remove(id);
        givenUp++;
        continue;
      }
      stillNotVisible.put(id, since);
      retries.add(id);
      total++;
    }
    notVisibleSince = stillNotVisible;
    return givenUp;
  }

  /** Whether an id the database did not show is still tried again (not given up on yet). */
  boolean retrying(long eventId) {
    return notVisibleSince.containsKey(eventId);
  }

  /** Forgets every id: they stay pending in the queue until the reconciler marks them. */
  void clear() {
    byResource.clear();
    retries.clear();
    notVisibleSince.clear();
    total = 0;
  }

  /** A growable array of longs: a backlog holds millions, boxing each would double the memory. */
  private static final class Ids {
    long[] values = new long[2];
    int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void clear() {
      values = new long[2];
      size = 0;
    }
  }
}
