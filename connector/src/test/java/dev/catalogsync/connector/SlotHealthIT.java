package dev.catalogsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.testing.DemoTables;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAL the replication slot holds back is watched, and health says when it is too much. */
@ExtendWith(RealStack.class)
class SlotHealthIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void healthIsNotReadyWhileTheSlotRetainsMoreWalThanTheLimitAndReadyOnceItIsReleased(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    Map<String, String> values = TestConfigs.values(database, kafka.bootstrapServers());
    values.put("connector.slot-max-retained-wal-mb", "2");
    ConnectorConfig config = ConnectorConfig.from(TestConfigs.settings(values));
    try (DemoTables demo = DemoTables.install(database);
        ConnectorService connector = ConnectorService.start(config);
        Connection longTransaction = database.connect()) {
      await().atMost(PATIENCE).until(() -> connector.health().ready());
      demo.exec("CREATE TABLE unrelated (id bigserial PRIMARY KEY, payload text)");

      // A transaction that wrote and stays open holds a logical slot's restart position back, as a
      // stuck connector would: the WAL written meanwhile stays retained.
      longTransaction.setAutoCommit(false);
      try (Statement s = longTransaction.createStatement()) {
        s.execute("INSERT INTO unrelated (payload) VALUES ('held open')");
      }
      demo.exec(
          "INSERT INTO unrelated (payload) SELECT repeat('x', 1000) FROM generate_series(1, 8000)");

      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(connector.health())
                      .satisfies(h -> assertThat(h.ready()).isFalse())
                      .satisfies(
                          h ->
                              assertThat(h.detail())
                                  .contains("replication slot " + config.slot() + " retains")
                                  .contains("connector.slot-max-retained-wal-mb (2)")));

      longTransaction.commit();
      await().atMost(PATIENCE).until(() -> connector.health().ready());
    }
  }
}
