package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.DeadLetter;
import dev.catalogsync.schemas.contract.Payload;
import dev.catalogsync.schemas.contract.SyncEvent;
import dev.catalogsync.schemas.testing.DemoTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology driven by TopologyTestDriver, writing to the in-memory catalog: no broker, no
 * database. The database URL points nowhere, so anything reaching for PostgreSQL fails the test.
 * What needs the real statement or server is in SyncTopologyIT.
 */
class SyncTopologyTest {
  private static final Duration TICK = DrivenTopology.TICK;
  private static final String NO_DATABASE = "jdbc:postgresql://127.0.0.1:1/no_database_here";

  @TempDir Path stateRoot;
  private final InMemoryCatalog data = new InMemoryCatalog();
  private StreamsAppConfig config = config(Map.of());
  private DrivenTopology app;
  private CountingWriter writer;
  private int instances;
  private final AtomicBoolean catchingUp = new AtomicBoolean();

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
  }

  private static StreamsAppConfig config(Map<String, String> overrides) {
    return DrivenTopology.config(NO_DATABASE, overrides);
  }

  /** A fresh instance with its own, empty state directory, writing to the same catalog. */
  private void startDriver() {
    if (app != null) {
      app.close();
    }
    app =
        new DrivenTopology(
            config, data, stateRoot.resolve("s" + (++instances)), data.now(), catchingUp::get);
    writer = app.writer;
  }

  private void publish(List<SyncEvent> events) {
    app.publish(events);
  }

  /** Time passes for the app and the database alike. */
  private void advance(Duration by) {
    data.advance(by);
    app.advanceWallClockTime(by);
  }

  private void tick() {
    advance(TICK);
  }

  @Test
  void hundredUpdatesOfOneProjectWithinAWindowAreOneRowWrite() {
    long resource = data.projectWithResource("p", "d", 0);
    long project = data.projectOf(resource);
    for (int i = 1; i <= 100; i++) {
      data.updateProject(project, "p" + i, "d" + i, i == 100 ? 20 : 0);
    }
    startDriver();

    publish(data.pendingEvents());
    assertThat(writer.results).isEmpty(); // nothing written before the tick
    tick();

    assertThat(writer.results).containsExactly(new ApplyResult(1, 1, 101));
    assertThat(data.resourceColumns(resource))
        .isEqualTo(new DemoTables.Columns("p100", "d100", 20));
    assertThat(data.pendingCount()).isZero();
    assertThat(data.syncVersion(resource)).isEqualTo(data.allEvents().get(100).id());
  }

  @Test
  void aTickWritesInStatementsOfTheBatchSize() {
    config = config(Map.of("apply.batch-size", "5"));
    for (int i = 0; i < 12; i++) {
      data.projectWithResource("p" + i, null, 10);
    }
    startDriver();

    publish(data.pendingEvents());
    assertThat(writer.results).isEmpty();
    tick();
    assertThat(writer.results).extracting(ApplyResult::statesSent).containsExactly(5, 5, 2);
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void reachingTheMostUnwrittenResourcesWritesWithoutWaitingForTheTick() {
    config = config(Map.of("apply.max-unwritten-resources", "5"));
    for (int i = 0; i < 12; i++) {
      data.projectWithResource("p" + i, null, 10);
    }
    startDriver();

    publish(data.pendingEvents());
    assertThat(writer.results).extracting(ApplyResult::statesSent).containsExactly(5, 5);
    tick();
    assertThat(writer.results).extracting(ApplyResult::statesSent).containsExactly(5, 5, 2);
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void behindTheSourceWritesWaitWhileInputFlowsSoABacklogCoalesces() {
    Backlog queued = minuteOldBacklog(250);
    long resource = queued.resource();
    long project = queued.project();
    Instant minuteAgo = queued.committedAt();
    List<SyncEvent> backlog = data.pendingEvents();
    for (int i = 0; i < 190; i++) { // one event per tick: the input never pauses
      publish(List.of(committedAt(backlog.get(i), minuteAgo)));
      tick();
    }
    assertThat(writer.results).isEmpty(); // 9.5 s

    for (int i = 190; i < backlog.size(); i++) {
      publish(List.of(committedAt(backlog.get(i), minuteAgo)));
      tick();
    }
    // At 10 s the longest deferral is reached: one write covering the 200 events so far.
    assertThat(writer.results).containsExactly(new ApplyResult(1, 1, 200));

    tick();
    tick(); // the input paused and the source has nothing newer: nothing waits any more
    assertThat(writer.results)
        .containsExactly(new ApplyResult(1, 1, 200), new ApplyResult(1, 1, 51));
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("p250", "d", 0));
    assertThat(data.pendingCount()).isZero();

    // Caught up: a fresh change is written on the next tick.
    data.updateProject(project, "fresh", "d", 0);
    publish(data.pendingEvents());
    tick();
    assertThat(writer.results).hasSize(3);
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("fresh", "d", 0));
  }

  @Test
  void whileTheSourceHoldsNewerEventsAPauseOfTheInputKeepsWaiting() {
    Backlog queued = minuteOldBacklog(50);
    long resource = queued.resource();
    Instant minuteAgo = queued.committedAt();
    List<SyncEvent> firstBurst = data.pendingEvents();
    // CDC has not delivered this one yet
    data.updateProject(queued.project(), "queued just now", "d", 0);
    publish(firstBurst.stream().map(e -> committedAt(e, minuteAgo)).toList());
    for (int i = 0; i < 100; i++) { // 5 s without input: CDC catching up, not the backlog's end
      tick();
    }
    assertThat(writer.results).isEmpty();

    for (int i = 0; i < 100; i++) {
      tick();
    }
    // The longest deferral (10 s) still holds.
    assertThat(writer.results).containsExactly(new ApplyResult(1, 1, 51)); // with its creation
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("p50", "d", 0));
  }

  /** A resource and its project, whose events were all queued and committed at one time. */
  private record Backlog(long resource, long project, Instant committedAt) {}

  /**
   * A resource renamed p1..pN, its events queued a minute ago, and the driver started with a 10 s
   * longest deferral: consuming them, the app is a minute behind, so writes may wait (10 s at
   * most).
   */
  private Backlog minuteOldBacklog(int renames) {
    long resource = data.projectWithResource("p", "d", 0);
    long project = data.projectOf(resource);
    for (int i = 1; i <= renames; i++) {
      data.updateProject(project, "p" + i, "d", 0);
    }
    config = config(Map.of("apply.max-deferral.ms", "10000"));
    startDriver();
    Instant minuteAgo = data.now().minusSeconds(60);
    data.backdateQueue(minuteAgo);
    return new Backlog(resource, project, minuteAgo);
  }

  @Test
  void whileTheCatchUpRunsTheBacklogsStatesWaitAndAFreshChangeIsWrittenAtOnce() {
    long resource = data.projectWithResource("p", "d", 0);
    long project = data.projectOf(resource);
    data.updateProject(project, "from the backlog", "d", 0);
    catchingUp.set(true);
    startDriver();
    // Older than the catch-up's grace (2 s), yet not behind enough for the pacer to wait.
    Instant threeSecondsAgo = data.now().minusSeconds(3);
    publish(data.pendingEvents().stream().map(e -> committedAt(e, threeSecondsAgo)).toList());
    for (int i = 0; i < 20; i++) {
      tick();
    }
    assertThat(writer.results).isEmpty(); // the catch-up copies these from the database

    data.updateProject(project, "fresh", "d", 0);
    publish(data.pendingEvents().stream().filter(e -> e.name().equals("fresh")).toList());
    tick();
    // CDC delivers within the grace: the stream writes, and marks what waited with it.
    assertThat(writer.results).containsExactly(new ApplyResult(1, 1, 3));
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("fresh", "d", 0));
  }

  @Test
  void whatWaitedForTheCatchUpIsWrittenOnceItStops() {
    long resource = data.projectWithResource("p", "d", 0);
    data.updateProject(data.projectOf(resource), "from the backlog", "d", 0);
    catchingUp.set(true);
    startDriver();
    Instant threeSecondsAgo = data.now().minusSeconds(3);
    publish(data.pendingEvents().stream().map(e -> committedAt(e, threeSecondsAgo)).toList());
    tick();
    assertThat(writer.results).isEmpty();

    catchingUp.set(false);
    tick();
    assertThat(writer.results).hasSize(1);
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void aCleanStopWritesWhatWaits() {
    long resource = data.projectWithResource("p", "d", 0);
    data.updateProject(data.projectOf(resource), "last", "d", 0);
    startDriver();
    Instant minuteAgo = data.now().minusSeconds(60);
    publish(data.pendingEvents().stream().map(e -> committedAt(e, minuteAgo)).toList());
    tick();
    assertThat(writer.results).isEmpty(); // behind: the write may still wait

    app.close();
    app = null;
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("last", "d", 0));
    assertThat(data.pendingCount()).isZero();
  }

  private static SyncEvent committedAt(SyncEvent e, Instant at) {
    return new SyncEvent(
        e.id(),
        e.catalogResourceId(),
        e.projectId(),
        e.name(),
        e.description(),
        e.visibilityLevel(),
        at,
        null,
        null,
        at);
  }

  @Test
  void anOlderStateNeverOverwritesANewerOne() {
    long resource = data.projectWithResource("old", "old", 0);
    data.updateProject(data.projectOf(resource), "new", "new", 20);
    List<SyncEvent> events = data.pendingEvents();
    startDriver();

    // Newest first, then the older one in the same window: the store keeps the newest.
    publish(List.of(events.get(1), events.get(0)));
    tick();
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("new", "new", 20));

    // The database already holds a newer state than an event (e.g. written by another instance):
    // the guard keeps the row as it is, and the event is still consumed.
    data.updateProject(data.projectOf(resource), "newer", "newer", 10);
    SyncEvent newer = data.pendingEvents().get(0);
    data.setSyncVersion(resource, newer.id() + 1000);
    publish(List.of(newer));
    tick();
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("new", "new", 20));
    assertThat(data.syncVersion(resource)).isEqualTo(newer.id() + 1000);
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void duplicatesAreHarmless() {
    long resource = data.projectWithResource("a", "b", 10);
    List<SyncEvent> events = data.pendingEvents();
    startDriver();

    publish(events);
    publish(events);
    tick();
    publish(events);
    tick();

    // The replay after the write only re-marks its (already processed) queue row.
    assertThat(writer.rowsWritten()).isEqualTo(1);
    assertThat(writer.eventsProcessed()).isEqualTo(1);
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("a", "b", 10));
  }

  @Test
  void aQueueRowNotYetVisibleWhenItsStateIsWrittenIsMarkedOnceItIs() {
    long resource = data.projectWithResource("before", null, 0);
    long project = data.projectOf(resource);
    startDriver();
    publish(data.pendingEvents());
    tick();
    assertThat(data.pendingCount()).isZero();

    // PostgreSQL writes a commit to the WAL before the committing session makes it visible, so on
    // a busy server CDC can deliver the event first. The bench caught rows left pending this way.
    InMemoryCatalog.Transaction source = data.begin();
    long id = source.enqueue(resource, project, "after", 0);
    publish(
        List.of(
            new SyncEvent(id, resource, project, "after", null, 0, data.now(), null, null, null)));
    tick();
    assertThat(data.syncVersion(resource)).isEqualTo(id);
    tick();
    source.commit();
    tick(); // no new input: the tick marks it again because the last statement could not see it

    assertThat(data.pendingCount()).isZero();
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("after", null, 0));
  }

  @Test
  void aResourceWhoseCreationIsNotVisibleYetIsWrittenOnceItIs() {
    long visible = data.projectWithResource("visible", null, 0);
    SyncEvent visibleCreated = data.pendingEvents().get(0);
    long project = data.project("alpha", "first", 20);
    startDriver();

    // The host creates a resource with its own values; the creation trigger queues the project's
    // in the same transaction, whose event CDC delivers before the commit is visible.
    InMemoryCatalog.Transaction host = data.begin();
    long resource = host.resource(project, "host value");
    SyncEvent created =
        host.pendingEvents().stream()
            .filter(e -> e.catalogResourceId() == resource)
            .findFirst()
            .orElseThrow();
    publish(List.of(created, visibleCreated));
    tick();
    assertThat(data.syncVersion(visible)).isEqualTo(visibleCreated.id());
    tick(); // the state waits: written again on the next ticks, not taken for an orphan's
    host.commit();
    assertThat(data.resourceColumns(resource))
        .isEqualTo(new DemoTables.Columns("host value", null, 0));
    tick();

    assertThat(data.resourceColumns(resource))
        .isEqualTo(new DemoTables.Columns("alpha", "first", 20));
    assertThat(data.syncVersion(resource)).isEqualTo(created.id());
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void replayingTheTopicFromTheBeginningEndsInTheSameTable() {
    for (int i = 0; i < 5; i++) {
      long resource = data.projectWithResource("p" + i, "d" + i, 0);
      data.updateProject(data.projectOf(resource), "q" + i, null, 20);
    }
    startDriver();
    publish(data.allEvents());
    tick();
    Map<Long, DemoTables.Columns> afterFirstRun = data.resources();
    assertThat(afterFirstRun).isEqualTo(data.expected());

    startDriver(); // a fresh instance with empty state reads everything again
    publish(data.allEvents());
    tick();

    assertThat(data.resources()).isEqualTo(afterFirstRun);
    assertThat(writer.rowsWritten()).isZero();
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void flagOffKeepsEventsPendingAndFlagOnAppliesThemPromptly() {
    long resource = data.projectWithResource("before", null, 0);
    startDriver();
    tick();
    app.setFlag(false);
    data.updateProject(data.projectOf(resource), "after", "x", 20);

    publish(data.pendingEvents());
    tick();
    tick();
    assertThat(writer.results).isEmpty();
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns(null, null, 0));
    assertThat(data.pendingCount()).isEqualTo(2);

    app.setFlag(true);
    tick();
    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("after", "x", 20));
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void aMalformedFlagRecordIsIgnoredAndATombstoneRestoresTheDefault() {
    long resource = data.projectWithResource("name", "desc", 10);
    startDriver();
    app.setFlag(false);
    app.pipeFlag(DrivenTopology.FLAG, "{\"enabled\":\"yes\"}".getBytes(StandardCharsets.UTF_8));
    app.pipeFlag(DrivenTopology.FLAG, "not json".getBytes(StandardCharsets.UTF_8));
    app.pipeFlag("Bad Key!", "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8));

    publish(data.pendingEvents());
    tick();
    assertThat(data.pendingCount()).isEqualTo(1); // still off

    app.pipeFlag(DrivenTopology.FLAG, null); // default: on
    tick();
    assertThat(data.resourceColumns(resource))
        .isEqualTo(new DemoTables.Columns("name", "desc", 10));
    assertThat(data.pendingCount()).isZero();
  }

  @Test
  void recordsBreakingTheContractGoToTheDeadLetterTopicAndProcessingContinues() {
    long resource = data.projectWithResource("good", "row", 20);
    SyncEvent good = data.pendingEvents().get(0);
    String goodJson = new String(Contract.encode(Payload.SYNC_EVENT, good), StandardCharsets.UTF_8);
    startDriver();

    app.publishRaw("abc", goodJson); // bad key
    app.publishRaw(good.key(), "{not json"); // bad JSON
    app.publishRaw(good.key(), "{\"id\":5}"); // schema violation: required fields missing
    app.publishRaw(Long.toString(good.catalogResourceId() + 1), goodJson); // key does not match
    app.publishRaw(good.key(), null); // null value
    publish(List.of(good));
    tick();

    List<TestRecord<byte[], byte[]>> letters = app.deadLetters();
    assertThat(letters).hasSize(5);
    for (TestRecord<byte[], byte[]> letter : letters) {
      assertThat(header(letter, DeadLetters.STAGE_HEADER)).isEqualTo(DeadLetters.STAGE);
      assertThat(header(letter, DeadLetters.ERROR_HEADER)).isNotBlank();
      DeadLetter value = Contract.decode(Payload.DEAD_LETTER, letter.value(), DeadLetter.class);
      assertThat(value.sourceTopic()).isEqualTo(config.topics().syncEvents());
      assertThat(value.error()).isEqualTo(header(letter, DeadLetters.ERROR_HEADER));
    }
    DeadLetter badJson =
        Contract.decode(Payload.DEAD_LETTER, letters.get(1).value(), DeadLetter.class);
    assertThat(badJson.value()).isEqualTo("{not json");
    assertThat(badJson.sourceOffset()).isEqualTo(1);
    assertThat(header(letters.get(2), DeadLetters.ERROR_HEADER)).contains("catalog_resource_id");
    assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("abc");

    assertThat(data.resourceColumns(resource)).isEqualTo(new DemoTables.Columns("good", "row", 20));
  }

  @Test
  void eventsOfADeletedResourceAreConsumedAndTheResourceIsNotRecreated() {
    long orphan = data.projectWithResource("gone", null, 0);
    long kept = data.projectWithResource("kept", "k", 10);
    data.updateProject(data.projectOf(orphan), "gone2", null, 20);
    List<SyncEvent> events = data.pendingEvents();
    data.deleteResource(orphan);
    startDriver();

    publish(events);
    tick();

    assertThat(data.resources()).containsOnlyKeys(kept);
    assertThat(data.resourceColumns(kept)).isEqualTo(new DemoTables.Columns("kept", "k", 10));
    assertThat(data.pendingCount()).isZero();
    assertThat(writer.results).containsExactly(new ApplyResult(2, 1, 3));
  }

  @Test
  void whileTheDatabaseIsDownStateIsKeptConsumptionContinuesAndWritesResume() {
    config = config(Map.of("apply.retry-backoff.ms", "200"));
    long first = data.projectWithResource("one", null, 0);
    startDriver();
    data.databaseDown.set(true);

    publish(data.pendingEvents());
    tick();
    long second = data.projectWithResource("two", null, 10); // consumed while down
    publish(data.pendingEvents().subList(1, 2));
    for (int i = 0; i < 10; i++) {
      tick();
    }
    // 500 ms at 200 ms base backoff: attempts at 0, 200, 600 ms. Backoff, not one per tick.
    assertThat(writer.failedAttempts).isBetween(2, 3);
    assertThat(data.pendingCount()).isEqualTo(2);

    data.databaseDown.set(false);
    advance(Duration.ofMillis(1000));
    assertThat(data.resources()).isEqualTo(data.expected());
    assertThat(data.resourceColumns(first)).isEqualTo(new DemoTables.Columns("one", null, 0));
    assertThat(data.resourceColumns(second)).isEqualTo(new DemoTables.Columns("two", null, 10));
    assertThat(data.pendingCount()).isZero();
  }

  private static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
