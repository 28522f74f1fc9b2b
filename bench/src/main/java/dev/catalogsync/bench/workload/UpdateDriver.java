package dev.catalogsync.bench.workload;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * K concurrent JDBC clients making single-row autocommit updates of projects, at a target rate
 * (split evenly between the clients, on a fixed schedule) or flat out.
 */
public final class UpdateDriver {
  /** What the clients did. */
  public record Result(long updates, long failures, double seconds) {
    public double perSecond() {
      return seconds > 0 ? updates / seconds : 0;
    }
  }

  // Every update writes a value never written before, so the trigger's IS DISTINCT FROM fires.
  private static final AtomicLong VALUES = new AtomicLong();

  private UpdateDriver() {}

  public static Result run(
      String jdbcUrl,
      KeySampler keys,
      Rate rate,
      int clients,
      Duration duration,
      long seed,
      String tag)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong updates = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    long[] startNanos = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread t =
          new Thread(
              () -> {
                try (Connection c = Db.connect(jdbcUrl);
                    PreparedStatement ps = c.prepareStatement(BenchSql.load("update-one.sql"))) {
                  SplittableRandom random = new SplittableRandom(seed * 31 + client);
                  ready.countDown();
                  go.await();
                  drive(
                      ps,
                      keys,
                      rate,
                      clients,
                      duration,
                      random,
                      startNanos[0],
                      tag,
                      updates,
                      failures);
                } catch (SQLException | RuntimeException e) {
                  fatal.compareAndSet(null, e);
                  ready.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-client-" + i);
      threads.add(t);
      t.start();
    }
    ready.await();
    startNanos[0] = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
    if (fatal.get() != null) {
      throw new IllegalStateException("a client failed: " + fatal.get(), fatal.get());
    }
    return new Result(updates.get(), failures.get(), seconds);
  }

  private static void drive(
      PreparedStatement ps,
      KeySampler keys,
      Rate rate,
      int clients,
      Duration duration,
      SplittableRandom random,
      long start,
      String tag,
      AtomicLong updates,
      AtomicLong failures) {
    long end = start + duration.toNanos();
    // Fixed schedule per client: the n-th update is due at start + n * interval. A client that
    // falls behind catches up without sleeping, so the offered rate is kept when it can be.
    long interval = rate.flatOut() ? 0 : (long) (clients * 1e9 / rate.perSecond());
    long n = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return;
      }
      if (interval > 0) {
        long due = start + n * interval;
        if (due >= end) {
          return;
        }
        if (due > now) {
          LockSupport.parkNanos(due - now);
        }
      }
      n++;
      try {
        ps.setString(1, tag + "-" + VALUES.incrementAndGet());
        ps.setLong(2, keys.next(random));
        ps.executeUpdate();
        updates.incrementAndGet();
      } catch (SQLException e) {
        failures.incrementAndGet();
      }
    }
  }
}
