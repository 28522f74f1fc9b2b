package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.embedded.RealStack;
import dev.catalogsync.embedded.TestDatabase;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.schemas.migrate.SchemaInstaller;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} on real tables: every kind of drift that produced no event is found. */
@ExtendWith(RealStack.class)
class VerifyIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void resourcesEqualToTheirProjectsPassWithExitZero(TestDatabase database) throws Exception {
    seedInSync(database, 25);

    CliRun run = verify(database, "--batch-size", "10");

    assertThat(run.code()).isEqualTo(VerifyCommand.NONE_DIFFER);
    assertThat(run.out()).contains("verify: 25 resources checked, 0 differ");
  }

  @Test
  void anUpdateMadeWithTriggersOffIsFoundAndNamed(TestDatabase database) throws Exception {
    seedInSync(database, 5);
    // A restore or a migration tool: session_replication_role = replica skips the trigger.
    exec(
        database,
        "SET session_replication_role = replica;"
            + " UPDATE projects SET visibility_level = 20 WHERE name = 'p3';"
            + " SET session_replication_role = origin");

    CliRun run = verify(database, "--batch-size", "2");

    assertThat(run.code()).isEqualTo(VerifyCommand.SOME_DIFFER);
    assertThat(run.out())
        .contains("verify: 5 resources checked, 1 differ")
        .containsPattern("resource \\d+ \\(project \\d+\\): visibility_level 0, project 20");
  }

  @Test
  void aDirectWriteToCatalogResourcesIsFound(TestDatabase database) throws Exception {
    seedInSync(database, 3);
    exec(database, "UPDATE catalog_resources SET name = 'hand-edited'");

    CliRun run = verify(database, "--json");

    assertThat(run.code()).isEqualTo(VerifyCommand.SOME_DIFFER);
    JsonNode result = Json.mapper().readTree(run.out());
    assertThat(result.get("checked").asLong()).isEqualTo(3);
    assertThat(result.get("differing").asLong()).isEqualTo(3);
    JsonNode first = result.get("examples").get(0).get("differences").get("name");
    assertThat(first.get("resource").asText()).isEqualTo("hand-edited");
    assertThat(first.get("project").asText()).isEqualTo("p1");
  }

  @Test
  void aResourceWhoseEventIsStillInFlightIsComparedAgainAfterTheGraceNotReported(
      TestDatabase database) throws Exception {
    seedInSync(database, 2);
    exec(database, "UPDATE projects SET name = 'renamed' WHERE name = 'p1'"); // a pending event
    // The pipeline applies it a moment later, while verify waits out the grace.
    CompletableFuture<Void> pipeline =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(500);
                exec(database, APPLY_EVERYTHING);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    CliRun run = verify(database, "--grace", "3s");
    pipeline.join();

    assertThat(run.code()).isEqualTo(VerifyCommand.NONE_DIFFER);
    assertThat(run.out()).contains("verify: 2 resources checked, 0 differ");
  }

  @Test
  void fixRepairsThroughThePipelineAndAVerifyAfterItPasses(
      TestDatabase database, KafkaBroker kafka, @TempDir Path stateDir) throws Exception {
    seedInSync(database, 4);
    try (TestPipeline pipeline =
        TestPipeline.start(TestPipeline.settings(database, kafka.bootstrapServers(), stateDir))) {
      await().atMost(PATIENCE).until(pipeline::ready);
      exec(
          database,
          "SET session_replication_role = replica;"
              + " UPDATE projects SET visibility_level = 20, description = 'no event';"
              + " SET session_replication_role = origin");

      CliRun fix = verify(database, "--fix");
      assertThat(fix.code()).isEqualTo(VerifyCommand.SOME_DIFFER);
      assertThat(fix.out()).contains("4 differ").contains("fix: 4 sync event(s) enqueued");

      await()
          .atMost(PATIENCE)
          .until(() -> verify(database, "--grace", "0s").code() == VerifyCommand.NONE_DIFFER);
    }
  }

  @Test
  void aSteadyUpdateLoadThroughThePipelineIsNoDrift(
      TestDatabase database, KafkaBroker kafka, @TempDir Path stateDir) throws Exception {
    seedInSync(database, 50);
    try (TestPipeline pipeline =
        TestPipeline.start(TestPipeline.settings(database, kafka.bootstrapServers(), stateDir))) {
      await().atMost(PATIENCE).until(pipeline::ready);
      // Updates through the normal path for a bounded while, all through the verify pass.
      CompletableFuture<Void> load =
          CompletableFuture.runAsync(
              () -> {
                try (Connection c = database.connect();
                    Statement s = c.createStatement()) {
                  for (int i = 0; i < 300; i++) {
                    s.execute(
                        "UPDATE projects SET visibility_level = (visibility_level + 10) % 30"
                            + " WHERE id = (SELECT id FROM projects ORDER BY random() LIMIT 1)");
                    Thread.sleep(10);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      CliRun run = verify(database, "--batch-size", "5", "--grace", "5s");
      load.join();

      assertThat(run.code()).as(run.out()).isEqualTo(VerifyCommand.NONE_DIFFER);
    }
  }

  @Test
  void aDatabaseThatCannotBeReachedExitsThree(TestDatabase database) {
    CliRun run = verify("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThat(run.code()).isEqualTo(VerifyCommand.ERROR);
    assertThat(run.err()).contains("error: ");
  }

  /** What the streams app does to every pending row, done by hand. */
  private static final String APPLY_EVERYTHING =
      "UPDATE catalog_resources c SET name = p.name, description = p.description,"
          + " visibility_level = p.visibility_level FROM projects p WHERE p.id = c.project_id;"
          + " UPDATE catalog_resource_sync_events SET status = 2";

  /** Projects p1..pN, each with a resource holding its values, and no pending event. */
  private static void seedInSync(TestDatabase database, int count) throws Exception {
    SchemaInstaller.installDemo(database.jdbcUrl(), null, null);
    exec(
        database,
        "INSERT INTO projects (name, description) SELECT 'p' || n, 'd' FROM generate_series(1, "
            + count
            + ") n;"
            + " INSERT INTO catalog_resources (project_id) SELECT id FROM projects ORDER BY id;"
            + APPLY_EVERYTHING);
  }

  private static void exec(TestDatabase database, String sql) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static CliRun verify(TestDatabase database, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "verify";
    args[1] = "--jdbc-url";
    args[2] = database.jdbcUrl();
    System.arraycopy(options, 0, args, 3, options.length);
    return CliRun.of(args);
  }

  private static CliRun verify(String jdbcUrl) {
    return CliRun.of("verify", "--jdbc-url", jdbcUrl);
  }
}
