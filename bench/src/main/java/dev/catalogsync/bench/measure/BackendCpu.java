package dev.catalogsync.bench.measure;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL's CPU by what each server process serves (application name, else process kind),
 * sampled every half second while it runs: where the server's share of a drain goes. A process that
 * ends between samples loses its last half second; one that started meanwhile counts whole.
 */
public final class BackendCpu implements AutoCloseable {
  private final ProcFs proc = new ProcFs();
  private final Map<Long, Double> last = new HashMap<>();
  private final Map<String, Double> byName = new TreeMap<>();
  private final Connection connection;
  private final Thread sampler;
  private volatile boolean running = true;

  private BackendCpu(Connection connection) {
    this.connection = connection;
    this.sampler = new Thread(this::sampleUntilClosed, "bench-backend-cpu");
    sampler.setDaemon(true);
  }

  /** Starts sampling; processes seen now count from now, later ones from their start. */
  public static BackendCpu start(String jdbcUrl) throws SQLException {
    Connection c = Db.connect(jdbcUrl);
    BackendCpu meter = new BackendCpu(c);
    meter.sample();
    meter.byName.clear();
    meter.sampler.start();
    return meter;
  }

  private void sampleUntilClosed() {
    while (running) {
      try {
        sample();
        Thread.sleep(500);
      } catch (SQLException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void sample() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(BenchSql.load("backends.sql"));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long pid = rs.getLong(1);
        long[] stat = proc.stat(pid);
        if (stat != null) {
          // Each span goes to what the process was at its end (a query's kind can be the name).
          double now = (stat[1] + stat[2]) / ProcFs.TICKS_PER_SECOND;
          Double then = last.put(pid, now);
          byName.merge(rs.getString(2), now - (then == null ? 0 : then), Double::sum);
        }
      }
    }
  }

  /** CPU seconds since the start, summed by name. */
  public synchronized Map<String, Double> seconds() {
    return new TreeMap<>(byName);
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    running = false;
    sampler.join(2000);
    connection.close();
  }
}
