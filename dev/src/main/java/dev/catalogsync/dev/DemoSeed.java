package dev.catalogsync.dev;

import dev.catalogsync.core.SqlResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Seeds the demo projects and resources once; a restarted dev mode keeps the user's changes. */
final class DemoSeed {
  private DemoSeed() {}

  static void seedIfEmpty(String jdbcUrl) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(SqlResource.load(DemoSeed.class, "count-projects.sql"))) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
      s.execute(SqlResource.load(DemoSeed.class, "seed.sql"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot seed the demo data: " + e.getMessage(), e);
    }
  }
}
