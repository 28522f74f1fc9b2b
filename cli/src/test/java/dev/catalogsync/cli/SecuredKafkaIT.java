package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a Kafka port that only serves clients logged in with SASL PLAIN: the {@code
 * kafka.*} settings reach every client the connector and the streams app make, and the flag
 * command's {@code -X} settings reach its clients.
 */
@ExtendWith(RealStack.class)
class SecuredKafkaIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path stateDir;

  @Test
  void aProjectUpdateReachesItsResourceThroughAKafkaThatRequiresALogin(
      TestDatabase database, KafkaBroker kafka) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    Map<String, String> values =
        TestPipeline.settings(database, kafka.saslBootstrapServers(), stateDir);
    KafkaBroker.saslClientSettings().forEach((k, v) -> values.put("kafka." + k, v));
    String flagTopic = values.get("topic.flags");

    try (Connection db = database.connect();
        TestPipeline pipeline = TestPipeline.start(values)) {
      await().atMost(PATIENCE).until(pipeline::ready);
      long project =
          query(db, "INSERT INTO projects (name) VALUES (?) RETURNING id", "before").getLong(1);
      long resource =
          query(db, "INSERT INTO catalog_resources (project_id) VALUES (?) RETURNING id", project)
              .getLong(1);

      query(db, "UPDATE projects SET name = ? WHERE id = ? RETURNING id", "after login", project);

      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  "after login"
                      .equals(
                          query(db, "SELECT name FROM catalog_resources WHERE id = ?", resource)
                              .getString(1)));

      FlagClient flags =
          new FlagClient(kafka.saslBootstrapServers(), KafkaBroker.saslClientSettings(), flagTopic);
      flags.set("ci_process_catalog_resource_sync_events", false, "SecuredKafkaIT");
      assertThat(flags.read("ci_process_catalog_resource_sync_events"))
          .hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());
      // The port really asks for the login: a wrong password is refused.
      FlagClient wrongPassword =
          new FlagClient(
              kafka.saslBootstrapServers(), KafkaBroker.saslClientSettings("wrong"), flagTopic);
      assertThatThrownBy(
              () -> wrongPassword.set("ci_process_catalog_resource_sync_events", true, "x"))
          .hasMessageContaining("Authentication failed");
    }
  }

  /** The first row of a statement with bound parameters, detached from it. */
  private static CachedRowSet query(Connection db, String sql, Object... params) throws Exception {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        CachedRowSet row = RowSetProvider.newFactory().createCachedRowSet();
        row.populate(rs);
        row.next();
        return row;
      }
    }
  }
}
