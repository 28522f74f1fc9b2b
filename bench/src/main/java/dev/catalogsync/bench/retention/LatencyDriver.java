package dev.catalogsync.bench.retention;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import dev.catalogsync.bench.workload.KeySampler;
import dev.catalogsync.bench.workload.Rate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * K JDBC clients making the source's single-row autocommit updates of projects at a steady rate (as
 * {@code UpdateDriver}: a fixed schedule per client), until stopped, timing every statement: from
 * the call into the driver to its return, what the host application's UPDATE waits.
 */
final class LatencyDriver {
  /** Every update's start (System.nanoTime) and statement time in nanoseconds (-1: it failed). */
  static final class Recording {
    private final long[] starts;
    private final long[] nanos;
    final double seconds;

    Recording(long[] starts, long[] nanos, double seconds) {
      this.starts = starts;
      this.nanos = nanos;
      this.seconds = seconds;
    }

    /** Statement times in ms of the updates that started in [from, to). */
    double[] millis(long fromNanos, long toNanos) {
      double[] out = new double[starts.length];
      int n = 0;
      for (int i = 0; i < starts.length; i++) {
        if (starts[i] >= fromNanos && starts[i] < toNanos && nanos[i] >= 0) {
          out[n++] = nanos[i] / 1e6;
        }
      }
      return Arrays.copyOf(out, n);
    }

    long failures(long fromNanos, long toNanos) {
      long n = 0;
      for (int i = 0; i < starts.length; i++) {
        if (starts[i] >= fromNanos && starts[i] < toNanos && nanos[i] < 0) {
          n++;
        }
      }
      return n;
    }
  }

  private static final AtomicLong VALUES = new AtomicLong();

  private final List<Thread> threads = new ArrayList<>();
  private final List<long[][]> perClient = new ArrayList<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private volatile boolean stop;
  private long startNanos;

  private LatencyDriver() {}

  static LatencyDriver start(
      String jdbcUrl, KeySampler keys, Rate rate, int clients, long seed, String tag)
      throws InterruptedException {
    LatencyDriver d = new LatencyDriver();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long interval = (long) (clients * 1e9 / rate.perSecond());
    for (int i = 0; i < clients; i++) {
      int client = i;
      long[][] samples = new long[2][];
      d.perClient.add(samples);
      Thread t =
          new Thread(
              () -> {
                Samples own = new Samples();
                try (Connection c = Db.connect(jdbcUrl);
                    PreparedStatement ps = c.prepareStatement(BenchSql.load("update-one.sql"))) {
                  SplittableRandom random = new SplittableRandom(seed * 31 + client);
                  ready.countDown();
                  go.await();
                  long n = 0;
                  while (!d.stop) {
                    long due = d.startNanos + n++ * interval;
                    long now = System.nanoTime();
                    if (due > now) {
                      LockSupport.parkNanos(due - now);
                      if (d.stop) {
                        break;
                      }
                    }
                    ps.setString(1, tag + "-" + VALUES.incrementAndGet());
                    ps.setLong(2, keys.next(random));
                    long begin = System.nanoTime();
                    try {
                      ps.executeUpdate();
                      own.add(begin, System.nanoTime() - begin);
                    } catch (SQLException e) {
                      own.add(begin, -1);
                    }
                  }
                } catch (SQLException | RuntimeException e) {
                  d.fatal.compareAndSet(null, e);
                  ready.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  samples[0] = own.starts();
                  samples[1] = own.nanos();
                }
              },
              "bench-client-" + i);
      d.threads.add(t);
      t.start();
    }
    ready.await();
    d.startNanos = System.nanoTime();
    go.countDown();
    return d;
  }

  long startNanos() {
    return startNanos;
  }

  /** Stops the clients and returns what they did; throws when one failed to run at all. */
  Recording stop() throws InterruptedException {
    stop = true;
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (fatal.get() != null) {
      throw new IllegalStateException("a client failed: " + fatal.get(), fatal.get());
    }
    int total = perClient.stream().mapToInt(s -> s[0].length).sum();
    long[] starts = new long[total];
    long[] nanos = new long[total];
    int at = 0;
    for (long[][] s : perClient) {
      System.arraycopy(s[0], 0, starts, at, s[0].length);
      System.arraycopy(s[1], 0, nanos, at, s[1].length);
      at += s[0].length;
    }
    return new Recording(starts, nanos, seconds);
  }

  /** A growing pair of arrays, one client's own. */
  private static final class Samples {
    private long[] starts = new long[1 << 14];
    private long[] nanos = new long[1 << 14];
    private int size;

    void add(long start, long took) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      starts[size] = start;
      nanos[size++] = took;
    }

    long[] starts() {
      return Arrays.copyOf(starts, size);
    }

    long[] nanos() {
      return Arrays.copyOf(nanos, size);
    }
  }
}
