package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What a batch write does to the tables, as the topology relies on it. {@code JdbcSyncWriterIT}
 * holds {@code apply-batch.sql} to it on PostgreSQL, {@code InMemoryCatalogTest} the in-memory
 * catalog the topology tests write to, so those tests see what the real statement would do.
 */
abstract class SyncWriterContract {

  /** The tables, empty at the start of each test. */
  abstract CatalogTables tables();

  /** The writer under test, on {@link #tables()}. */
  abstract SyncWriter writer();

  /** A writer whose database is down. */
  abstract SyncWriter writerWithTheDatabaseDown();

  /** The database's clock now (epoch ms). */
  abstract long databaseNowMillis();

  @Test
  void aNewerStateIsWrittenAndTheQueueRowsItCoversAreMarked() throws SQLException {
    CatalogTables t = tables();
    long resource = t.projectWithResource("old", "old", 0);
    t.updateProject(t.projectOf(resource), "new", "new", 20);
    List<SyncEvent> events = t.pendingEvents();
    SyncEvent newest = events.get(1);

    ApplyResult result = writer().apply(List.of(write(newest)), ids(events));

    assertThat(result.counts()).isEqualTo(new ApplyResult(1, 1, 2));
    assertThat(result.notVisible()).isEmpty();
    assertThat(result.notVisibleResources()).isEmpty();
    assertThat(result.databaseTimeMillis()).isCloseTo(databaseNowMillis(), within(10_000L));
    assertThat(t.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("new", "new", 20));
    assertThat(t.syncVersion(resource)).isEqualTo(newest.id());
    assertThat(t.pendingCount()).isZero();
  }

  @Test
  void aStateNoNewerThanTheRowsVersionChangesNothingButItsQueueRowIsMarked() throws SQLException {
    CatalogTables t = tables();
    long resource = t.projectWithResource("kept", "k", 10);
    SyncEvent created = t.pendingEvents().get(0);
    writer().apply(List.of(write(created)), ids(List.of(created)));
    t.updateProject(t.projectOf(resource), "older", "o", 0);
    SyncEvent update = t.pendingEvents().get(0);
    t.setSyncVersion(resource, update.id()); // written already, e.g. by the reconciler

    ApplyResult result = writer().apply(List.of(write(update)), ids(List.of(update)));

    assertThat(result.counts()).isEqualTo(new ApplyResult(1, 0, 1));
    assertThat(t.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("kept", "k", 10));
    assertThat(t.syncVersion(resource)).isEqualTo(update.id());
    assertThat(t.pendingCount()).isZero();
  }

  @Test
  void aQueueRowMarkedAlreadyIsNotCountedAgainAndIsNotReportedInvisible() throws SQLException {
    CatalogTables t = tables();
    t.projectWithResource("a", "b", 10);
    SyncEvent created = t.pendingEvents().get(0);
    writer().apply(List.of(write(created)), ids(List.of(created)));

    ApplyResult again =
        writer().apply(List.of(write(created)), new long[] {created.id(), created.id()});

    assertThat(again.counts()).isEqualTo(new ApplyResult(1, 0, 0));
    assertThat(again.notVisible()).isEmpty();
    assertThat(again.notVisibleResources()).isEmpty();
  }

  @Test
  void aStateWithoutALevelKeepsTheRowsLevel() throws SQLException {
    CatalogTables t = tables();
    long resource = t.projectWithResource("n", "d", 20);
    SyncEvent created = t.pendingEvents().get(0);
    writer().apply(List.of(write(created)), ids(List.of(created)));
    t.updateProject(t.projectOf(resource), "renamed", "d", 20);
    SyncEvent update = t.pendingEvents().get(0);

    StateWrite withoutLevel =
        new StateWrite(resource, update.id(), "renamed", "d", null, update.createdAt());
    ApplyResult result = writer().apply(List.of(withoutLevel), ids(List.of(update)));

    assertThat(result.counts()).isEqualTo(new ApplyResult(1, 1, 1));
    assertThat(t.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("renamed", "d", 20));
  }

  @Test
  void aDeletedResourceIsNotCreatedAgainAndItsQueueRowIsMarked() throws SQLException {
    CatalogTables t = tables();
    long orphan = t.projectWithResource("gone", null, 0);
    SyncEvent created = t.pendingEvents().get(0);
    t.deleteResource(orphan);

    ApplyResult result = writer().apply(List.of(write(created)), ids(List.of(created)));

    assertThat(result.counts()).isEqualTo(new ApplyResult(1, 0, 1));
    assertThat(result.notVisibleResources()).isEmpty();
    assertThat(t.resourceColumns(orphan)).isNull();
    assertThat(t.pendingCount()).isZero();
  }

  @Test
  void idsWithoutAQueueRowComeBackAndSoDoStatesWithoutAResourceRowOfThoseIds() throws SQLException {
    CatalogTables t = tables();
    long resource = t.projectWithResource("real", null, 0);
    SyncEvent created = t.pendingEvents().get(0);
    long unknownResource = resource + 100_000;
    long unknownEvent = created.id() + 100_000;
    StateWrite ghost = new StateWrite(unknownResource, unknownEvent, "x", null, 0, null);

    ApplyResult result =
        writer().apply(List.of(write(created), ghost), new long[] {unknownEvent, created.id()});

    assertThat(result.counts()).isEqualTo(new ApplyResult(2, 1, 1));
    assertThat(result.notVisible()).containsExactly(unknownEvent);
    assertThat(result.notVisibleResources()).containsExactly(unknownResource);
    assertThat(t.resourceColumns(unknownResource)).isNull();
  }

  @Test
  void aQueueRowOfAnOpenTransactionIsNotVisibleUntilItCommits() throws SQLException {
    CatalogTables t = tables();
    long resource = t.projectWithResource("before", null, 0);
    SyncEvent created = t.pendingEvents().get(0);
    writer().apply(List.of(write(created)), ids(List.of(created)));

    try (CatalogTables.OpenTransaction host = t.begin()) {
      long id = host.enqueue(resource, t.projectOf(resource), "after", 0);
      StateWrite after = new StateWrite(resource, id, "after", null, 0, null);

      ApplyResult early = writer().apply(List.of(after), new long[] {id});
      assertThat(early.counts()).isEqualTo(new ApplyResult(1, 1, 0));
      assertThat(early.notVisible()).containsExactly(id);
      assertThat(early.notVisibleResources()).isEmpty(); // its resource is visible
      assertThat(t.syncVersion(resource)).isEqualTo(id);

      host.commit();
      ApplyResult late = writer().apply(List.of(), new long[] {id});
      assertThat(late.counts()).isEqualTo(new ApplyResult(0, 0, 1));
      assertThat(late.notVisible()).isEmpty();
    }
    assertThat(t.pendingCount()).isZero();
  }

  @Test
  void aResourceCreatedByAnOpenTransactionComesBackToBeWrittenAgain() throws SQLException {
    CatalogTables t = tables();
    long project = t.project("alpha", "first", 20);
    try (CatalogTables.OpenTransaction host = t.begin()) {
      long resource = host.resource(project, "host value");
      SyncEvent created = host.pendingEvents().get(0);

      ApplyResult early = writer().apply(List.of(write(created)), ids(List.of(created)));
      assertThat(early.counts()).isEqualTo(new ApplyResult(1, 0, 0));
      assertThat(early.notVisible()).containsExactly(created.id());
      assertThat(early.notVisibleResources()).containsExactly(resource);

      host.commit();
      assertThat(t.resourceColumns(resource))
          .isEqualTo(new DemoTables.Columns("host value", null, 0));
      ApplyResult late = writer().apply(List.of(write(created)), ids(List.of(created)));
      assertThat(late.counts()).isEqualTo(new ApplyResult(1, 1, 1));
      assertThat(t.resourceColumns(resource))
          .isEqualTo(new DemoTables.Columns("alpha", "first", 20));
    }
  }

  @Test
  void theNewestEventTimeIsTheCreationOfTheNewestQueueRowProcessedOrNot() throws SQLException {
    CatalogTables t = tables();
    assertThat(writer().newestEventMillis()).isEmpty();
    long resource = t.projectWithResource("p", null, 0);
    t.updateProject(t.projectOf(resource), "q", null, 0);
    List<SyncEvent> events = t.pendingEvents();
    writer().apply(List.of(write(events.get(1))), ids(events));

    OptionalLong newest = writer().newestEventMillis();
    assertThat(newest).isPresent();
    assertThat(newest.getAsLong())
        .isCloseTo(events.get(1).createdAt().toEpochMilli(), within(1L)); // rounded, truncated
  }

  @Test
  void whileTheDatabaseIsDownWritesFailAsAConnectionFailure() {
    SyncWriter down = writerWithTheDatabaseDown();
    StateWrite state = new StateWrite(1, 1, "n", null, 0, null);
    assertThatThrownBy(() -> down.apply(List.of(state), new long[] {1}))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
    assertThatThrownBy(down::newestEventMillis)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
  }

  /** The write of the state an event carries. */
  static StateWrite write(SyncEvent e) {
    return new StateWrite(
        e.catalogResourceId(),
        e.id(),
        e.name(),
        e.description(),
        e.visibilityLevel(),
        e.createdAt());
  }

  static long[] ids(List<SyncEvent> events) {
    return events.stream().mapToLong(SyncEvent::id).toArray();
  }
}
