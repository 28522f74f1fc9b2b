package dev.catalogsync.schemas.testing;

import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo host tables (projects, catalog_resources) and the queue in a test database: the test
 * data every module's tests create, and the views of it they assert on. One set of fixtures for the
 * whole project, shipped in this module's test jar.
 */
public final class DemoTables implements AutoCloseable {
  /** The three synced columns of a project or a catalog resource. */
  public record Columns(String name, String description, int visibilityLevel) {}

  private final Connection db;

  /** On a connection the caller owns; closing this closes it. */
  public DemoTables(Connection db) {
    this.db = db;
  }

  /** Installs the demo schema and catalog-sync's objects, and opens a session of its own. */
  public static DemoTables install(TestDatabase database) throws SQLException {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    return connect(database);
  }

  /** Another session on a database where the demo is installed already. */
  public static DemoTables connect(TestDatabase database) throws SQLException {
    return new DemoTables(database.connect());
  }

  public Connection connection() {
    return db;
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }

  /** Creates {@code count} projects, each with a catalog resource; returns the first project id. */
  public long projectsWithResources(int count, String namePrefix) throws SQLException {
    return queryLong(
        "WITH p AS (INSERT INTO projects (name, description, visibility_level)"
            + " SELECT ? || g, 'd', 0 FROM generate_series(1, ?) g RETURNING id),"
            + " r AS (INSERT INTO catalog_resources (project_id) SELECT id FROM p)"
            + " SELECT min(id) FROM p",
        namePrefix,
        count);
  }

  /** Runs statements, e.g. an UPDATE of projects; returns the rows the last one changed. */
  public int exec(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
      return s.getUpdateCount();
    }
  }

  /**
   * Runs DDL whose identifiers and literals the server's format() quotes, from bound values, e.g.
   * {@code ddl("CREATE ROLE %I LOGIN PASSWORD %L", name, password)}.
   */
  public void ddl(String template, String... args) throws SQLException {
    StringBuilder call = new StringBuilder("SELECT format(?");
    for (int i = 0; i < args.length; i++) {
      call.append(", ?");
    }
    call.append(")");
    String statement;
    try (PreparedStatement ps = db.prepareStatement(call.toString())) {
      ps.setString(1, template);
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 2, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        statement = rs.getString(1);
      }
    }
    exec(statement);
  }

  /** Ids of every queue row, i.e. every event the connector must deliver. */
  public Set<Long> eventIds() throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM catalog_resource_sync_events")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  public long project(String name, String description, int level) throws SQLException {
    return queryLong(
        "INSERT INTO projects (name, description, visibility_level) VALUES (?, ?, ?) RETURNING id",
        name,
        description,
        level);
  }

  public long resource(long projectId) throws SQLException {
    return queryLong(
        "INSERT INTO catalog_resources (project_id) VALUES (?) RETURNING id", projectId);
  }

  /** A pending queue row carrying the given values, as the trigger writes it; returns its id. */
  public long enqueue(long resourceId, long projectId, String name, int level) throws SQLException {
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
  public long projectWithResource(String name, String description, int level) throws SQLException {
    return resource(project(name, description, level));
  }

  public long projectOf(long resourceId) throws SQLException {
    return queryLong("SELECT project_id FROM catalog_resources WHERE id = ?", resourceId);
  }

  public void updateProject(long projectId, String name, String description, int level)
      throws SQLException {
    update(
        "UPDATE projects SET name = ?, description = ?, visibility_level = ? WHERE id = ?",
        name,
        description,
        level,
        projectId);
  }

  public void deleteResource(long resourceId) throws SQLException {
    update("DELETE FROM catalog_resources WHERE id = ?", resourceId);
  }

  public void setSyncVersion(long resourceId, long version) throws SQLException {
    update("UPDATE catalog_resources SET sync_version = ? WHERE id = ?", version, resourceId);
  }

  /** Makes every queued event look enqueued at that time, as a backlog's events are. */
  public void backdateQueue(java.time.Instant at) throws SQLException {
    update(
        "UPDATE catalog_resource_sync_events SET created_at = ?",
        java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
  }

  public long pendingCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resource_sync_events WHERE status = 1");
  }

  public long processedCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resource_sync_events WHERE status = 2");
  }

  public long resourceCount() throws SQLException {
    return queryLong("SELECT count(*) FROM catalog_resources");
  }

  /** The pending queue rows as the connector would publish them, in id order. */
  public List<SyncEvent> pendingEvents() throws SQLException {
    return events("WHERE status = 1");
  }

  /** Every queue row, pending or not, as published: what a replay from the beginning sees. */
  public List<SyncEvent> allEvents() throws SQLException {
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
  public Map<Long, Columns> resources() throws SQLException {
    return columns(
        "SELECT id, name, description, visibility_level FROM catalog_resources ORDER BY id");
  }

  /** What catalog_resources must hold: each resource's project's columns, by resource id. */
  public Map<Long, Columns> expected() throws SQLException {
    return columns(
        "SELECT c.id, p.name, p.description, p.visibility_level"
            + " FROM catalog_resources c JOIN projects p ON p.id = c.project_id ORDER BY c.id");
  }

  public Columns resourceColumns(long resourceId) throws SQLException {
    return resources().get(resourceId);
  }

  public long syncVersion(long resourceId) throws SQLException {
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

  public long queryLong(String sql, Object... params) throws SQLException {
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
