package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.SQLException;
import java.util.List;

/**
 * The demo tables as the host and a test's own connection see them, in PostgreSQL or in memory:
 * what {@link SyncWriterContract} needs to hold a writer to the same behaviour on both.
 */
interface CatalogTables {
  long project(String name, String description, int level) throws SQLException;

  /** A project with one catalog resource; the creation trigger queues an event. */
  long projectWithResource(String name, String description, int level) throws SQLException;

  long projectOf(long resourceId) throws SQLException;

  void updateProject(long projectId, String name, String description, int level)
      throws SQLException;

  void deleteResource(long resourceId) throws SQLException;

  void setSyncVersion(long resourceId, long version) throws SQLException;

  /** The pending queue rows as the connector would publish them, in id order. */
  List<SyncEvent> pendingEvents() throws SQLException;

  long pendingCount() throws SQLException;

  /** The resource's synced columns; null if there is no such row. */
  DemoTables.Columns resourceColumns(long resourceId) throws SQLException;

  long syncVersion(long resourceId) throws SQLException;

  /** A transaction of the host's: what it writes is invisible to others until it commits. */
  OpenTransaction begin() throws SQLException;

  /** A host transaction held open. */
  interface OpenTransaction extends AutoCloseable {
    /** A pending queue row carrying these values, as the trigger writes it; returns its id. */
    long enqueue(long resourceId, long projectId, String name, int level) throws SQLException;

    /** A resource the host creates with a name of its own; the trigger queues the project's. */
    long resource(long projectId, String hostName) throws SQLException;

    /** The pending queue rows as this transaction sees them, its own included, in id order. */
    List<SyncEvent> pendingEvents() throws SQLException;

    void commit() throws SQLException;

    /** Ends the transaction; what was not committed is rolled back. */
    @Override
    void close() throws SQLException;
  }
}
