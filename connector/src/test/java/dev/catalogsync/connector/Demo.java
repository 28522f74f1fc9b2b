package dev.catalogsync.connector;

import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo host tables in a test database: projects, their catalog resources, updates. */
final class Demo implements AutoCloseable {
  private final Connection db;

  private Demo(Connection db) {
    this.db = db;
  }

  static Demo install(TestDatabase database) throws SQLException {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    return new Demo(database.connect());
  }

  /** Another session on a database where the demo is installed already. */
  static Demo connect(TestDatabase database) throws SQLException {
    return new Demo(database.connect());
  }

  /** Creates {@code count} projects, each with a catalog resource; returns the first project id. */
  long projectsWithResources(int count, String namePrefix) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "WITH p AS (INSERT INTO projects (name, description, visibility_level)"
                + " SELECT ? || g, 'd', 0 FROM generate_series(1, ?) g RETURNING id),"
                + " r AS (INSERT INTO catalog_resources (project_id) SELECT id FROM p)"
                + " SELECT min(id) FROM p")) {
      ps.setString(1, namePrefix);
      ps.setInt(2, count);
      ResultSet rs = ps.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  long project(String name, String description, int level) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO projects (name, description, visibility_level) VALUES (?, ?, ?)"
                + " RETURNING id")) {
      ps.setString(1, name);
      ps.setString(2, description);
      ps.setInt(3, level);
      ResultSet rs = ps.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  long resource(long project) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO catalog_resources (project_id) VALUES (?) RETURNING id")) {
      ps.setLong(1, project);
      ResultSet rs = ps.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs one statement, e.g. an UPDATE of projects. */
  int exec(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  long queryLong(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Ids of every queue row, i.e. every event the connector must deliver. */
  java.util.Set<Long> eventIds() throws SQLException {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM catalog_resource_sync_events")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  Connection connection() {
    return db;
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
