package dev.catalogsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catalogsync.core.DurationOption;
import dev.catalogsync.core.ErrorText;
import dev.catalogsync.core.SqlResource;
import dev.catalogsync.schemas.contract.Json;
import dev.catalogsync.streams.verify.Drift;
import dev.catalogsync.streams.verify.SyncEventEnqueuer;
import dev.catalogsync.streams.verify.Verification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog-sync verify}: proves the copy is right, or shows where it is not. */
@Command(
    name = "verify",
    header = "Compare every catalog resource with its project; --fix repairs through the pipeline.",
    mixinStandardHelpOptions = true,
    description =
        "Compares name, description and visibility_level of every catalog resource with its project's, in batches. A resource with a sync event younger than --grace still pending is compared again after the grace, not reported. Finds drift that produced no event: triggers disabled, session_replication_role = replica, a direct write, a restored backup. Exit codes: 0 none differ, 1 some differ (also with --fix), 3 error.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync verify --jdbc-url 'jdbc:postgresql://127.0.0.1:54329/catalog?user=postgres'",
      "  ./catalog-sync verify --jdbc-url ... --fix --json"
    })
final class VerifyCommand implements Callable<Integer> {
  static final int NONE_DIFFER = 0;
  static final int SOME_DIFFER = 1;
  static final int ERROR = 3;
  private static final int EXAMPLES = 20;

  @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the database.")
  String jdbcUrl;

  @Option(
      names = "--fix",
      description =
          "Enqueue a sync event with the project's current values for each resource that"
              + " differs; the connector and streams app apply it like any other.")
  boolean fix;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Resources per query. Default: ${DEFAULT-VALUE}")
  int batchSize;

  @Option(
      names = "--grace",
      defaultValue = "60s",
      converter = DurationOption.class,
      description = "How young a pending event is still in flight. Default: ${DEFAULT-VALUE}")
  Duration grace;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    if (batchSize <= 0) {
      System.err.println("error: --batch-size must be above 0, got " + batchSize);
      return ERROR;
    }
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      ProgressBar progress = new ProgressBar(System.err, resources(db));
      Verification.Result result = new Verification(db, batchSize, grace).run(progress::show);
      progress.finish();
      int fixed = fix ? repair(db, result.drifts()) : 0;
      System.out.print(json ? asJson(result, fixed) : asText(result, fixed));
      return result.drifts().isEmpty() ? NONE_DIFFER : SOME_DIFFER;
    } catch (SQLException | RuntimeException e) {
      System.err.println("error: " + ErrorText.oneLine(e));
      return ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ERROR;
    }
  }

  private static long resources(Connection db) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(SqlResource.load(VerifyCommand.class, "backfill-count.sql"))) {
      java.sql.Array all = db.createArrayOf("bigint", new Object[0]);
      ps.setArray(1, all);
      ps.setArray(2, all);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private int repair(Connection db, List<Drift> drifts) throws SQLException {
    List<Long> ids = drifts.stream().map(Drift::resourceId).toList();
    int enqueued = 0;
    try (SyncEventEnqueuer enqueuer = new SyncEventEnqueuer(db)) {
      for (int from = 0; from < ids.size(); from += batchSize) {
        List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + batchSize));
        enqueued += enqueuer.nextBatch(0, chunk, chunk.size()).size();
      }
    }
    return enqueued;
  }

  private static String asText(Verification.Result result, int fixed) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "verify: %d resources checked, %d differ%s%n",
                result.checked(),
                result.drifts().size(),
                result.changing() > 0
                    ? ", " + result.changing() + " still changing (not compared)"
                    : ""));
    result.drifts().stream()
        .limit(EXAMPLES)
        .forEach(d -> out.append("  ").append(d.describe()).append('\n'));
    if (result.drifts().size() > EXAMPLES) {
      out.append("  ... and ").append(result.drifts().size() - EXAMPLES).append(" more\n");
    }
    if (fixed > 0) {
      out.append(
          String.format(
              "fix: %d sync event(s) enqueued with the projects' current values%n", fixed));
    }
    return out.toString();
  }

  private static String asJson(Verification.Result result, int fixed) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("checked", result.checked());
    root.put("differing", result.drifts().size());
    root.put("changing", result.changing());
    root.put("fixed", fixed);
    ArrayNode examples = root.putArray("examples");
    for (Drift d : result.drifts().stream().limit(EXAMPLES).toList()) {
      ObjectNode example = examples.addObject();
      example.put("resource_id", d.resourceId());
      example.put("project_id", d.projectId());
      ObjectNode columns = example.putObject("differences");
      for (Map.Entry<String, Drift.Values> e : d.differences().entrySet()) {
        ObjectNode sides = columns.putObject(e.getKey());
        sides.putPOJO("resource", e.getValue().resource());
        sides.putPOJO("project", e.getValue().project());
      }
    }
    return root.toString() + "\n";
  }
}
