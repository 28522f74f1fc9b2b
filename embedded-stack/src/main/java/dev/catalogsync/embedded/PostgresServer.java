package dev.catalogsync.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the binaries zonky ships in a jar, configured for logical
 * replication. Used by the dev mode and by every test that touches the database.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server.
   *
   * @param dataDirectory where the cluster lives; null for a throwaway one
   * @param port the port to listen on; 0 for any free one
   */
  public static PostgresServer start(Path dataDirectory, int port) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "20")
            .setServerConfig("max_wal_senders", "20")
            // zonky's default is off; logical decoding only sees a commit once its WAL is flushed,
            // which with off takes hundreds of milliseconds.
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_connections", "200");
    if (port > 0) {
      builder.setPort(port);
    }
    if (dataDirectory != null) {
      builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
    }
    try {
      return new PostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of a database on this server, for user {@value #USER} (no password). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
  }

  /** libpq URI of a database on this server, for psql. */
  public String libpqUri(String database) {
    return "postgresql://" + USER + "@127.0.0.1:" + port() + "/" + database;
  }

  /** Creates a database unless it exists; returns its name. */
  public String createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      var rs =
          s.executeQuery(
              "SELECT 1 FROM pg_database WHERE datname = '" + name + "'"); // checked name
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + name);
      }
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
