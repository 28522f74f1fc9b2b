package dev.catalogsync.streams;

import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The demo tables in memory ({@code projects}, {@code catalog_resources}, {@code
 * catalog_resource_sync_events} with the catalog-sync triggers), writable as a {@link SyncWriter}
 * that does what {@code apply-batch.sql} does to them: topology tests without a database.
 *
 * <ul>
 *   <li>A state lands only where {@code sync_version < event id}, and only on an existing row
 *       (UPDATE only: a deleted resource is not created again); a state without a level keeps the
 *       row's.
 *   <li>The covered queue rows are marked processed by id, status 1 to 2, written or not.
 *   <li>Only when fewer rows were marked than ids given: the ids no visible row has come back as
 *       {@code notVisible} (in the order given), and the batch's states whose queue row is among
 *       them and whose resource is not visible either as {@code notVisibleResources}.
 *   <li>{@code newestEventMillis}: when the visible queue row with the highest id was created.
 *   <li>The database's clock is {@link #now()}, which moves only when a test moves it.
 * </ul>
 *
 * <p>Rows written inside a {@link #begin() transaction} stay invisible until it commits, as a
 * commit that reached CDC before the committing session made it visible. Not modelled: lock waits
 * and timeouts (LockedDatabaseIT), the reconciler (SyncTopologyIT, ReconcilerIT). One thread only,
 * as a stream task's writer is.
 */
final class InMemoryCatalog implements SyncWriter, CatalogTables {
  /** Fixed, so a run does not depend on the host's clock. */
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private static final int PENDING = 1;
  private static final int PROCESSED = 2;

  /**
   * While set, the app's connection fails as with the server down (SQLState 08001); the tables stay
   * readable and writable by the test, as the server would be by the host.
   */
  final AtomicBoolean databaseDown = new AtomicBoolean();

  private final Map<Long, Project> projects = new TreeMap<>();
  private final Map<Long, Resource> resources = new TreeMap<>();
  private final Map<Long, QueueRow> queue = new TreeMap<>();
  private long lastProjectId;
  private long lastResourceId;
  private long lastEventId;
  private Instant now = START;

  /** The database's clock. */
  Instant now() {
    return now;
  }

  /** Moves the database's clock on. */
  void advance(Duration by) {
    now = now.plus(by);
  }

  // ---- the host and the test's own connection (autocommit) ----

  @Override
  public long project(String name, String description, int level) {
    long id = ++lastProjectId;
    projects.put(id, new Project(name, description, level));
    return id;
  }

  /**
   * A resource of the project, created as the host does; the trigger queues its project's values.
   */
  long resource(long projectId) {
    return insertResource(projectId, null, null);
  }

  /** A project with one catalog resource; returns the resource id. */
  @Override
  public long projectWithResource(String name, String description, int level) {
    return resource(project(name, description, level));
  }

  @Override
  public long projectOf(long resourceId) {
    return visibleResource(resourceId).projectId;
  }

  /** Updates the project; on a real change the trigger queues one event per resource of it. */
  @Override
  public void updateProject(long projectId, String name, String description, int level) {
    Project project = projects.get(projectId);
    if (Objects.equals(project.name, name)
        && Objects.equals(project.description, description)
        && project.level == level) {
      return; // the trigger's WHEN: only a change of one of the three columns
    }
    project.name = name;
    project.description = description;
    project.level = level;
    for (Map.Entry<Long, Resource> e : resources.entrySet()) {
      if (e.getValue().projectId == projectId && e.getValue().visible()) {
        enqueue(e.getKey(), projectId, name, description, level, null);
      }
    }
  }

  @Override
  public void deleteResource(long resourceId) {
    visibleResource(resourceId);
    resources.remove(resourceId);
  }

  @Override
  public void setSyncVersion(long resourceId, long version) {
    visibleResource(resourceId).syncVersion = version;
  }

  /** Makes every queued event look enqueued at that time, as a backlog's events are. */
  void backdateQueue(Instant at) {
    for (QueueRow row : queue.values()) {
      if (row.visible()) {
        row.createdAt = at;
      }
    }
  }

  @Override
  public long pendingCount() {
    return queue.values().stream().filter(r -> r.visible() && r.status == PENDING).count();
  }

  long processedCount() {
    return queue.values().stream().filter(r -> r.visible() && r.status == PROCESSED).count();
  }

  /** The pending queue rows as the connector would publish them, in id order. */
  @Override
  public List<SyncEvent> pendingEvents() {
    return events(r -> r.visible() && r.status == PENDING);
  }

  /** Every queue row, pending or not, as published: what a replay from the beginning sees. */
  List<SyncEvent> allEvents() {
    return events(QueueRow::visible);
  }

  /** catalog_resources' synced columns by resource id. */
  Map<Long, DemoTables.Columns> resources() {
    Map<Long, DemoTables.Columns> out = new TreeMap<>();
    resources.forEach(
        (id, r) -> {
          if (r.visible()) {
            out.put(id, new DemoTables.Columns(r.name, r.description, r.level));
          }
        });
    return out;
  }

  /** What catalog_resources must hold: each resource's project's columns, by resource id. */
  Map<Long, DemoTables.Columns> expected() {
    Map<Long, DemoTables.Columns> out = new TreeMap<>();
    resources.forEach(
        (id, r) -> {
          if (r.visible()) {
            Project p = projects.get(r.projectId);
            out.put(id, new DemoTables.Columns(p.name, p.description, p.level));
          }
        });
    return out;
  }

  /** The resource's synced columns; null if there is no such row. */
  @Override
  public DemoTables.Columns resourceColumns(long resourceId) {
    return resources().get(resourceId);
  }

  @Override
  public long syncVersion(long resourceId) {
    return visibleResource(resourceId).syncVersion;
  }

  /** A transaction of the host's, open until {@link Transaction#commit()}. */
  @Override
  public Transaction begin() {
    return new Transaction();
  }

  /** What a host transaction wrote is invisible to every other session until it commits. */
  final class Transaction implements OpenTransaction {
    private boolean committed;

    /** A pending queue row carrying the given values, as the trigger writes it; returns its id. */
    @Override
    public long enqueue(long resourceId, long projectId, String name, int level) {
      return InMemoryCatalog.this.enqueue(resourceId, projectId, name, null, level, this).id;
    }

    /** A resource the host creates with a value of its own; the trigger queues the project's. */
    @Override
    public long resource(long projectId, String hostName) {
      return insertResource(projectId, hostName, this);
    }

    /** The pending queue rows as this transaction sees them (its own too), in id order. */
    @Override
    public List<SyncEvent> pendingEvents() {
      return events(r -> (r.visible() || r.writtenBy == this) && r.status == PENDING);
    }

    @Override
    public void commit() {
      committed = true;
    }

    @Override
    public void close() {
      if (!committed) { // rolled back: its rows never become visible
        resources.values().removeIf(r -> r.writtenBy == this);
        queue.values().removeIf(r -> r.writtenBy == this);
      }
    }
  }

  // ---- the app's connection: apply-batch.sql and newest-event-time.sql ----

  @Override
  public ApplyResult apply(List<StateWrite> states, long[] coveredEventIds) throws SQLException {
    if (states.isEmpty() && coveredEventIds.length == 0) {
      return new ApplyResult(0, 0, 0); // JdbcSyncWriter does not reach the database for this
    }
    failIfDown();
    int rowsWritten = 0;
    for (StateWrite state : states) {
      Resource row = resources.get(state.resourceId());
      if (row != null && row.visible() && row.syncVersion < state.eventId()) {
        row.name = state.name();
        row.description = state.description();
        if (state.visibilityLevel() != null) {
          row.level = state.visibilityLevel();
        }
        row.syncVersion = state.eventId();
        rowsWritten++;
      }
    }
    int eventsProcessed = 0;
    for (long id : coveredEventIds) {
      QueueRow row = queue.get(id);
      if (row != null && row.visible() && row.status == PENDING) {
        row.status = PROCESSED;
        eventsProcessed++;
      }
    }
    List<Long> notVisible = new ArrayList<>();
    List<Long> notVisibleResources = new ArrayList<>();
    if (eventsProcessed < coveredEventIds.length) {
      for (long id : coveredEventIds) {
        QueueRow row = queue.get(id);
        if (row == null || !row.visible()) {
          notVisible.add(id);
        }
      }
      Set<Long> unseen = new HashSet<>(notVisible);
      for (StateWrite state : states) {
        Resource row = resources.get(state.resourceId());
        if (unseen.contains(state.eventId()) && (row == null || !row.visible())) {
          notVisibleResources.add(state.resourceId());
        }
      }
    }
    return new ApplyResult(
        states.size(),
        rowsWritten,
        eventsProcessed,
        now.toEpochMilli(),
        notVisible,
        notVisibleResources);
  }

  @Override
  public OptionalLong newestEventMillis() throws SQLException {
    failIfDown();
    QueueRow newest = null;
    for (QueueRow row : queue.values()) { // id order
      if (row.visible()) {
        newest = row;
      }
    }
    return newest == null ? OptionalLong.empty() : OptionalLong.of(newest.createdAt.toEpochMilli());
  }

  /** The tables outlive every writer: a new driver (another instance) writes to the same ones. */
  @Override
  public void close() {}

  private void failIfDown() throws SQLException {
    if (databaseDown.get()) {
      throw new SQLException("Connection refused (simulated)", "08001");
    }
  }

  // ---- rows ----

  private long insertResource(long projectId, String hostName, Transaction tx) {
    Project project = projects.get(projectId);
    long id = ++lastResourceId;
    resources.put(id, new Resource(projectId, hostName, tx));
    // catalog_sync_resource_created: the project's current values, in the same transaction
    enqueue(id, projectId, project.name, project.description, project.level, tx);
    return id;
  }

  private QueueRow enqueue(
      long resourceId,
      long projectId,
      String name,
      String description,
      Integer level,
      Transaction tx) {
    QueueRow row =
        new QueueRow(++lastEventId, resourceId, projectId, name, description, level, now, tx);
    queue.put(row.id, row);
    return row;
  }

  private Resource visibleResource(long resourceId) {
    Resource row = resources.get(resourceId);
    if (row == null || !row.visible()) {
      throw new IllegalArgumentException("no catalog resource " + resourceId);
    }
    return row;
  }

  private List<SyncEvent> events(Predicate<QueueRow> which) {
    List<SyncEvent> out = new ArrayList<>();
    for (QueueRow r : queue.values()) {
      if (which.test(r)) {
        out.add(
            new SyncEvent(
                r.id,
                r.resourceId,
                r.projectId,
                r.name,
                r.description,
                r.level,
                r.createdAt,
                null,
                null,
                null));
      }
    }
    return out;
  }

  private static final class Project {
    String name;
    String description;
    int level;

    Project(String name, String description, int level) {
      this.name = name;
      this.description = description;
      this.level = level;
    }
  }

  /** A catalog_resources row: the columns' defaults, name as the host gave it. */
  private static final class Resource {
    final long projectId;
    final Transaction writtenBy;
    String name;
    String description;
    int level;
    long syncVersion;

    Resource(long projectId, String name, Transaction writtenBy) {
      this.projectId = projectId;
      this.name = name;
      this.writtenBy = writtenBy;
    }

    boolean visible() {
      return writtenBy == null || writtenBy.committed;
    }
  }

  private static final class QueueRow {
    final long id;
    final long resourceId;
    final long projectId;
    final String name;
    final String description;
    final Integer level;
    final Transaction writtenBy;
    Instant createdAt;
    int status = PENDING;

    QueueRow(
        long id,
        long resourceId,
        long projectId,
        String name,
        String description,
        Integer level,
        Instant createdAt,
        Transaction writtenBy) {
      this.id = id;
      this.resourceId = resourceId;
      this.projectId = projectId;
      this.name = name;
      this.description = description;
      this.level = level;
      this.createdAt = createdAt;
      this.writtenBy = writtenBy;
    }

    boolean visible() {
      return writtenBy == null || writtenBy.committed;
    }
  }
}
