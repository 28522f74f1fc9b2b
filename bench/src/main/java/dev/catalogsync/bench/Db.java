package dev.catalogsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers: one place for connecting and for single-value queries with bound values. */
public final class Db {
  private Db() {}

  public static Connection connect(String jdbcUrl) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl);
    c.setAutoCommit(true);
    return c;
  }

  /** Runs a script of statements without parameters (DDL). */
  public static void script(Connection c, String sqlFile) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(BenchSql.load(sqlFile));
    }
  }

  public static long queryLong(Connection c, String sqlFile, Object... params) throws SQLException {
    return firstRow(c, sqlFile, rs -> rs.getLong(1), params);
  }

  public static boolean queryBoolean(Connection c, String sqlFile, Object... params)
      throws SQLException {
    return firstRow(c, sqlFile, rs -> rs.getBoolean(1), params);
  }

  public static String queryString(Connection c, String sqlFile, Object... params)
      throws SQLException {
    return firstRow(c, sqlFile, rs -> rs.getString(1), params);
  }

  /** How to read the one value a single-value query returns. */
  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> T firstRow(Connection c, String sqlFile, Column<T> column, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BenchSql.load(sqlFile))) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return column.read(rs);
      }
    }
  }

  public static long update(Connection c, String sqlFile, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BenchSql.load(sqlFile))) {
      bind(ps, params);
      return ps.executeLargeUpdate();
    }
  }

  /** Cumulative row updates of catalog_resources, as current as the statistics allow. */
  public static long rowUpdates(Connection c) throws SQLException {
    queryString(c, "stats-clear.sql");
    return queryLong(c, "row-updates.sql");
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }
}
