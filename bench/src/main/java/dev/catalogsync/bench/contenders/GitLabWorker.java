package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.BenchSql;
import dev.catalogsync.bench.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Contender 1: GitLab's worker and service as they behave (see the reference notes), against the
 * same queue table: take the exclusive lease (one minute), read up to 1000 pending events in id
 * order, preload their resources and the projects' current rows, save each resource that differs
 * from its project (one UPDATE in its own transaction, as ActiveRecord does; an unchanged one costs
 * nothing here, which is generous), mark the batch processed in one statement, release the lease,
 * and run again while events remain (GitLab re-enqueues the job; the queueing delay of Sidekiq is
 * not modelled, also generous).
 *
 * <p>A run is started by a wake-up: in GitLab, a model callback after each commit, or the cron
 * every minute. For a backlog that is already there, one wake-up starts the chain of runs.
 */
public final class GitLabWorker implements AutoCloseable {
  public static final String NAME = "GitLab-style worker";
  static final int BATCH_SIZE = 1000;
  private static final String LEASE = "ci_catalog_resources_process_sync_events";

  /** What one run (one batch) did. */
  record Run(int consumable, int rowsWritten) {}

  private final Connection c;
  private final String owner = UUID.randomUUID().toString();
  private final PreparedStatement acquire;
  private final PreparedStatement release;
  private final PreparedStatement pending;
  private final PreparedStatement resources;
  private final PreparedStatement projects;
  private final PreparedStatement update;
  private final PreparedStatement mark;

  GitLabWorker(String jdbcUrl) throws SQLException {
    c = Db.connect(jdbcUrl);
    acquire = c.prepareStatement(BenchSql.load("gitlab-lease-acquire.sql"));
    release = c.prepareStatement(BenchSql.load("gitlab-lease-release.sql"));
    pending = c.prepareStatement(BenchSql.load("gitlab-pending-batch.sql"));
    resources = c.prepareStatement(BenchSql.load("gitlab-resources.sql"));
    projects = c.prepareStatement(BenchSql.load("gitlab-projects.sql"));
    update = c.prepareStatement(BenchSql.load("gitlab-update-resource.sql"));
    mark = c.prepareStatement(BenchSql.load("gitlab-mark-processed.sql"));
  }

  public static void install(String jdbcUrl) throws SQLException {
    try (Connection c = Db.connect(jdbcUrl)) {
      Db.script(c, "gitlab-lease-table.sql");
    }
  }

  /**
   * One job: lease, one batch, release. Returns null when the lease is held by someone else (the
   * job then does nothing, as in GitLab).
   */
  Run runOnce() throws SQLException {
    acquire.setString(1, LEASE);
    acquire.setString(2, owner);
    try (ResultSet rs = acquire.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
    }
    try {
      return processBatch();
    } finally {
      release.setString(1, LEASE);
      release.setString(2, owner);
      release.executeUpdate();
    }
  }

  private Run processBatch() throws SQLException {
    List<long[]> events = new ArrayList<>(); // {event id, resource id, project id}
    pending.setInt(1, BATCH_SIZE);
    try (ResultSet rs = pending.executeQuery()) {
      while (rs.next()) {
        events.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
      }
    }
    if (events.isEmpty()) {
      return new Run(0, 0);
    }
    Set<Long> resourceIds = new LinkedHashSet<>();
    Set<Long> projectIds = new LinkedHashSet<>();
    for (long[] e : events) {
      resourceIds.add(e[1]);
      projectIds.add(e[2]);
    }
    Map<Long, Object[]> resourceRows = load(resources, resourceIds, 5);
    Map<Long, Object[]> projectRows = load(projects, projectIds, 4);
    int written = 0;
    Long[] processed = new Long[events.size()];
    int n = 0;
    for (long[] e : events) {
      Object[] resource = resourceRows.get(e[1]);
      if (resource != null) { // an orphan event (resource gone) is consumed without a write
        Object[] project = projectRows.get(((Number) resource[1]).longValue());
        if (project != null && changed(resource, project)) {
          update.setString(1, (String) project[1]);
          update.setString(2, (String) project[2]);
          update.setObject(3, project[3], Types.INTEGER);
          update.setLong(4, e[1]);
          update.executeUpdate();
          resource[2] = project[1];
          resource[3] = project[2];
          resource[4] = project[3];
          written++;
        }
      }
      processed[n++] = e[0];
    }
    mark.setArray(1, c.createArrayOf("bigint", processed));
    mark.executeUpdate();
    return new Run(events.size(), written);
  }

  /** Resource row {id, project_id, name, description, level} vs project {id, name, desc, level}. */
  private static boolean changed(Object[] resource, Object[] project) {
    return !Objects.equals(resource[2], project[1])
        || !Objects.equals(resource[3], project[2])
        || !Objects.equals(resource[4], project[3]);
  }

  private Map<Long, Object[]> load(PreparedStatement ps, Set<Long> ids, int columns)
      throws SQLException {
    ps.setArray(1, c.createArrayOf("bigint", ids.toArray(new Long[0])));
    Map<Long, Object[]> rows = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.put(rs.getLong(1), row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
