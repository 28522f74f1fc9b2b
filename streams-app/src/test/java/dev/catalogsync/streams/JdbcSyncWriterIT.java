package dev.catalogsync.streams;

import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.schemas.testing.DemoTables;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** apply-batch.sql on a real PostgreSQL holds to the contract the in-memory catalog models. */
@ExtendWith(RealStack.class)
class JdbcSyncWriterIT extends SyncWriterContract {
  private TestDatabase database;
  private Connection db;
  private JdbcTables tables;
  private JdbcSyncWriter writer;
  private JdbcSyncWriter downWriter;

  @BeforeEach
  void setUp(TestDatabase fresh) throws SQLException {
    database = fresh;
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    db = database.connect();
    tables = new JdbcTables();
    writer = new JdbcSyncWriter(RunningApp.database(database));
  }

  @AfterEach
  void tearDown() throws SQLException {
    writer.close();
    if (downWriter != null) {
      downWriter.close();
    }
    db.close();
  }

  @Override
  CatalogTables tables() {
    return tables;
  }

  @Override
  SyncWriter writer() {
    return writer;
  }

  @Override
  SyncWriter writerWithTheDatabaseDown() {
    // A port nothing listens on any more: every connection is refused, as with the server down.
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    downWriter =
        new JdbcSyncWriter(
            new Database(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name(),
                null,
                null,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
    return downWriter;
  }

  @Override
  long databaseNowMillis() {
    return System.currentTimeMillis(); // the embedded server runs on this host
  }

  /**
   * The tables through DemoTables on the test's connection; a transaction on a connection of its
   * own.
   */
  private final class JdbcTables implements CatalogTables {
    private final DemoTables data = new DemoTables(db);

    @Override
    public long project(String name, String description, int level) throws SQLException {
      return data.project(name, description, level);
    }

    @Override
    public long projectWithResource(String name, String description, int level)
        throws SQLException {
      return data.projectWithResource(name, description, level);
    }

    @Override
    public long projectOf(long resourceId) throws SQLException {
      return data.projectOf(resourceId);
    }

    @Override
    public void updateProject(long projectId, String name, String description, int level)
        throws SQLException {
      data.updateProject(projectId, name, description, level);
    }

    @Override
    public void deleteResource(long resourceId) throws SQLException {
      data.deleteResource(resourceId);
    }

    @Override
    public void setSyncVersion(long resourceId, long version) throws SQLException {
      data.setSyncVersion(resourceId, version);
    }

    @Override
    public List<SyncEvent> pendingEvents() throws SQLException {
      return data.pendingEvents();
    }

    @Override
    public long pendingCount() throws SQLException {
      return data.pendingCount();
    }

    @Override
    public DemoTables.Columns resourceColumns(long resourceId) throws SQLException {
      return data.resourceColumns(resourceId);
    }

    @Override
    public long syncVersion(long resourceId) throws SQLException {
      return data.syncVersion(resourceId);
    }

    @Override
    public OpenTransaction begin() throws SQLException {
      Connection host = database.connect();
      host.setAutoCommit(false);
      DemoTables inside = new DemoTables(host);
      return new OpenTransaction() {
        @Override
        public long enqueue(long resourceId, long projectId, String name, int level)
            throws SQLException {
          return inside.enqueue(resourceId, projectId, name, level);
        }

        @Override
        public long resource(long projectId, String hostName) throws SQLException {
          try (PreparedStatement ps =
              host.prepareStatement(
                  "INSERT INTO catalog_resources (project_id, name) VALUES (?, ?) RETURNING id")) {
            ps.setLong(1, projectId);
            ps.setString(2, hostName);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        }

        @Override
        public List<SyncEvent> pendingEvents() throws SQLException {
          return inside.pendingEvents();
        }

        @Override
        public void commit() throws SQLException {
          host.commit();
        }

        @Override
        public void close() throws SQLException {
          host.close(); // rolls back what was not committed
        }
      };
    }
  }
}
