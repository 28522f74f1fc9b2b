package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test data in the demo tables, and the views of them that tests assert on. */
final class DemoData {
  /** The three synced columns of a project or a catalog resource. */
  record Columns(String name, String description, int visibilityLevel) {}

  private final Connection db;

  DemoData(Connection db) {
    this.db = db;
  }

  long project(String name, String description, int level) throws SQLException {
    return queryLong(
        "INSERT INTO projects (name, description, visibility_level) VALUES (?, ?, ?) RETURNING id",
        name,
        description,
        level);
  }

  long resource(long projectId) throws SQLException {
    return queryLong(
        "INSERT INTO catalog_resources (project_id) VALUES (?) RETURNING id", projectId);
  }

  /** A pending queue row carrying the given values, as the trigger writes it; returns its id. */
  long enqueue(long resourceId, long projectId, String name, int level) throws SQLException {
    return queryLong(
        "INSERT INTO catalog_resource_sync_events"
            + " (catalog_resource_id, project_id, name, visibility_level)"
            + " VALUES (?, ?, ?, ?) RETURNING id",
        resourceId,
        projectId,
        name,
        level);
  }

  /** A project with one catalog resource; returns the resource id. */
  long projectWithResource(String name, String description, int level) throws SQLException {
    return resource(project(name, description, level));
  }

  long projectOf(long resourceId) throws SQLException {
    return queryLong("SELECT project_id FROM catalog_resources WHERE id = ?", resourceId);
  }

  void updateProject(long projectId, String name, String description, int level)
      throws SQLException {
    update(
        "UPDATE projects SET name = ?, description = ?, visibility_level = ? WHERE id = ?",
        name,
        description,
        level,
        projectId);
  }

  void deleteResource(long resourceId) throws SQLException {
    update("DELETE FROM catalog_resources WHERE id = ?", resourceId);
  }

  void setSyncVersion(long resourceId, long version) throws SQLException {
    update("UPDATE catalog_resources SET sync_version = ? WHERE id = ?", version, resourceId);
  }

  /** Makes every queued event look enqueued at that time, as a backlog's events are. */
  void backdateQueue(java.time.Instant at) throws SQLException {
    update(
        "UPDATE catalog_resource_sync_events SET created_at = ?",
        java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
  }

  long pendingCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resource_sync_events WHERE status = 1");
  }

  long processedCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resource_sync_events WHERE status = 2");
  }

  long resourceCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resources");
  }

  /** The pending queue rows as the connector would publish them, in id order. */
  List<SyncEvent> pendingEvents() throws SQLException {
    return events("WHERE status = 1");
  }

  /** Every queue row, pending or not, as published: what a replay from the beginning sees. */
  List<SyncEvent> allEvents() throws SQLException {
    return events("");
  }

  private List<SyncEvent> events(String where) throws SQLException {
    List<SyncEvent> events = new ArrayList<>();
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT id, catalog_resource_id, project_id, name, description, visibility_level,"
                    + " created_at FROM catalog_resource_sync_events "
                    + where
                    + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        events.add(
            new SyncEvent(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                (Integer) rs.getObject(6),
                rs.getTimestamp(7).toInstant(),
                null,
                null,
                null));
      }
    }
    return events;
  }

  /** catalog_resources' synced columns by resource id. */
  Map<Long, Columns> resources() throws SQLException {
    return columns(
        "SELECT id, name, description, visibility_level FROM catalog_resources ORDER BY id");
  }

  /** What catalog_resources must hold: each resource's project's columns, by resource id. */
  Map<Long, Columns> expected() throws SQLException {
    return columns(
        "SELECT c.id, p.name, p.description, p.visibility_level"
            + " FROM catalog_resources c JOIN projects p ON p.id = c.project_id ORDER BY c.id");
  }

  Columns resourceColumns(long resourceId) throws SQLException {
    return resources().get(resourceId);
  }

  long syncVersion(long resourceId) throws SQLException {
    return queryLong("SELECT sync_version FROM catalog_resources WHERE id = ?", resourceId);
  }

  private Map<Long, Columns> columns(String sql) throws SQLException {
    Map<Long, Columns> out = new TreeMap<>();
    try (PreparedStatement ps = db.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getLong(1), new Columns(rs.getString(2), rs.getString(3), rs.getInt(4)));
      }
    }
    return out;
  }

  private long queryLong(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, params);
      ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }
}
