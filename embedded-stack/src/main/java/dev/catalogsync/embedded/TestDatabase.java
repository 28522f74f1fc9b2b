package dev.catalogsync.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database of its own on the shared embedded server: tests never see each other's rows,
 * publications or replication slots.
 */
public record TestDatabase(String name, String jdbcUrl, String libpqUri) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }
}
