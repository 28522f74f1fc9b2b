package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.connector.ConnectorConfig;
import dev.catalogsync.connector.ConnectorService;
import dev.catalogsync.core.Settings;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import dev.catalogsync.streams.StreamsAppConfig;
import dev.catalogsync.streams.StreamsService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
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
    Map<String, String> values = new HashMap<>();
    values.put("database.url", database.jdbcUrl());
    values.put("kafka.bootstrap.servers", kafka.saslBootstrapServers());
    KafkaBroker.saslClientSettings().forEach((k, v) -> values.put("kafka." + k, v));
    String prefix = RealStack.uniqueName("secured");
    values.put("topic.sync-events", prefix + ".sync-events");
    values.put("topic.flags", prefix + ".flags");
    values.put("topic.dead-letter", prefix + ".dead-letter");
    values.put("connector.offsets-topic", prefix + ".connector-offsets");
    values.put("connector.name", "it-" + database.name());
    values.put("connector.slot", "slot_" + database.name());
    values.put("streams.application-id", prefix);
    values.put("streams.state-dir", stateDir.toString());

    try (Connection db = database.connect();
        ConnectorService connector =
            ConnectorService.start(
                ConnectorConfig.from(settings(ConnectorConfig.DEFAULTS_RESOURCE, values)));
        StreamsService streams =
            StreamsService.start(
                StreamsAppConfig.from(settings(StreamsAppConfig.DEFAULTS_RESOURCE, values)))) {
      await().atMost(PATIENCE).until(() -> connector.health().ready() && streams.health().ready());
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
          new FlagClient(
              kafka.saslBootstrapServers(), KafkaBroker.saslClientSettings(), prefix + ".flags");
      flags.set("ci_process_catalog_resource_sync_events", false, "SecuredKafkaIT");
      assertThat(flags.read("ci_process_catalog_resource_sync_events"))
          .hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());
      // The port really asks for the login: a wrong password is refused.
      FlagClient wrongPassword =
          new FlagClient(
              kafka.saslBootstrapServers(),
              KafkaBroker.saslClientSettings("wrong"),
              prefix + ".flags");
      assertThatThrownBy(
              () -> wrongPassword.set("ci_process_catalog_resource_sync_events", true, "x"))
          .hasMessageContaining("Authentication failed");
    }
  }

  private static Settings settings(String defaults, Map<String, String> values) {
    return Settings.load(defaults, null, Map.of()).with(values);
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
