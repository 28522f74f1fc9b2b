package dev.catalogsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory catalog of the topology tests holds to the batch write's contract; no server. */
class InMemoryCatalogTest extends SyncWriterContract {
  private final InMemoryCatalog catalog = new InMemoryCatalog();

  @Override
  CatalogTables tables() {
    return catalog;
  }

  @Override
  SyncWriter writer() {
    return catalog;
  }

  @Override
  SyncWriter writerWithTheDatabaseDown() {
    catalog.databaseDown.set(true);
    return catalog;
  }

  @Override
  long databaseNowMillis() {
    return catalog.now().toEpochMilli();
  }

  @Test
  void theDatabasesClockMovesOnlyWhenTheTestMovesIt() throws Exception {
    catalog.projectWithResource("p", null, 0);
    long before = catalog.now().toEpochMilli();
    catalog.advance(Duration.ofSeconds(7));

    ApplyResult result = catalog.apply(List.of(), ids(catalog.pendingEvents()));

    assertThat(result.databaseTimeMillis()).isEqualTo(before + 7_000);
  }

  @Test
  void aTransactionNeverCommittedLeavesNothingBehind() throws Exception {
    long project = catalog.project("p", null, 0);
    try (CatalogTables.OpenTransaction host = catalog.begin()) {
      host.resource(project, "host value");
      assertThat(host.pendingEvents()).hasSize(1);
    }
    assertThat(catalog.resources()).isEmpty();
    assertThat(catalog.allEvents()).isEmpty();
  }
}
